import "server-only";
import { getSession } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { createContext } from "@/server/trpc";

/** The request context for the route handler and for Server Components. */
export async function createRequestContext(headers: Headers) {
  return createContext({ db: getDatabase().db, session: await getSession(), headers });
}
