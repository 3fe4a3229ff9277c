export { organizationsRouter } from "./router";
export { findInvitationMessage, type InvitationMessage } from "./find-invitation-message";
export { findProviderInvitationMessage, type ProviderInvitationMessage } from "./find-provider-invitation-message";
export { listLocationsByIds } from "./list-locations-by-ids";
