export interface PlatformOverview {
  users: number;
  pendingProviders: number;
  approvedProviders: number;
  pendingOrganizations: number;
}
