import type { Session } from "next-auth";
import { createCaller } from "@/server/api/root";
import type { Database } from "@/server/db/client";
import { createContext } from "@/server/trpc";
import { silentLogger, unlimitedRateLimiter } from "./request-context";

export type TestActor =
  | { kind: "anonymous" }
  | { kind: "user"; user: { id: string; name?: string | null; email?: string | null; role?: "USER" | "ADMIN" } };

export function sessionFor(actor: TestActor): Session | null {
  if (actor.kind === "anonymous") return null;
  return {
    expires: new Date(Date.now() + 3_600_000).toISOString(),
    user: {
      id: actor.user.id,
      name: actor.user.name ?? null,
      email: actor.user.email ?? null,
      image: null,
      role: actor.user.role ?? "USER",
    },
  };
}

/**
 * A server-side caller of the whole app router acting as someone. `client.ip` makes the
 * request come from that address (a single-entry x-forwarded-for), so tests can act as
 * distinct visitors; `client.headers` adds any other request headers.
 */
export function callerFor(db: Database, actor: TestActor, now?: () => Date, client: { ip?: string; headers?: Record<string, string> } = {}) {
  const headers = new Headers(client.headers);
  if (client.ip) headers.set("x-forwarded-for", client.ip);
  return createCaller(
    createContext({ db, session: sessionFor(actor), headers, now, rateLimiter: unlimitedRateLimiter, logger: silentLogger }),
  );
}

let clientCounter = 0;
/** A fresh client address per call (TEST-NET-3 and documentation IPv6 space). */
export function nextClientIp(): string {
  clientCounter += 1;
  // Past 250, IPv6 clients each in a /64 of their own: the limits count an IPv6 visitor by its /64.
  return clientCounter < 250 ? `203.0.113.${clientCounter}` : `2001:db8:${clientCounter.toString(16)}::1`;
}

export const anonymous: TestActor = { kind: "anonymous" };
export const asUser = (user: { id: string; role?: "USER" | "ADMIN"; name?: string | null; email?: string | null }): TestActor => ({
  kind: "user",
  user,
});
