// next-auth v4's session cookie (the options keep its default names): `next-auth.session-token`,
// `__Secure-` prefixed over HTTPS, split into `.0`, `.1`… only when a value is too long.
const SESSION_COOKIE = /(?:^|;)\s*(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/** Whether a Cookie header carries next-auth's session cookie at all. */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  return cookieHeader !== null && SESSION_COOKIE.test(cookieHeader);
}
