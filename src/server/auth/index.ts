export { getAuthOptions } from "./options";
export { getRequestSession, getSession } from "./session";
export { hasSessionCookie } from "./session-cookie";
export type { PlatformRole } from "./next-auth.d";
