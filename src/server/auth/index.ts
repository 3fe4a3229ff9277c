export { getAuthOptions } from "./options";
export { getSession } from "./session";
export type { PlatformRole } from "./next-auth.d";
