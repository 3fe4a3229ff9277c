import "server-only";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "./options";

/** The signed-in user's session in a Server Component, route handler or tRPC context. */
export function getSession() {
  return getServerSession(getAuthOptions());
}
