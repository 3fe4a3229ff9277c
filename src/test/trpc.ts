import type { Session } from "next-auth";
import { createCaller } from "@/server/api/root";
import type { Database } from "@/server/db/client";
import { createContext } from "@/server/trpc";

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

/** A server-side caller of the whole app router acting as someone. */
export function callerFor(db: Database, actor: TestActor, now?: () => Date) {
  return createCaller(createContext({ db, session: sessionFor(actor), headers: new Headers(), now }));
}

export const anonymous: TestActor = { kind: "anonymous" };
export const asUser = (user: { id: string; role?: "USER" | "ADMIN"; name?: string | null; email?: string | null }): TestActor => ({
  kind: "user",
  user,
});
