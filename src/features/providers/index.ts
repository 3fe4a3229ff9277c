export { ProviderDirectory } from "./components/provider-directory";
export { listProvidersInput, type ListProvidersInput } from "./schemas";
export type { ProviderSummary, Page } from "./types";
