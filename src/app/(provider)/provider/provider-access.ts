import "server-only";
import { TRPCError } from "@trpc/server";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getSession } from "@/server/auth";
import { getQueryClient, trpc } from "@/trpc/server";

export type ProviderAccess = { kind: "anonymous" } | { kind: "not-provider" } | { kind: "provider" };

/**
 * Once per request: is someone signed in, and do they have a provider profile? Fetching
 * `providers.me` through the request's query client also leaves it there for hydration.
 */
export const loadProviderAccess = cache(async (): Promise<ProviderAccess> => {
  const session = await getSession();
  if (!session) return { kind: "anonymous" };
  try {
    await getQueryClient().fetchQuery(trpc.providers.me.queryOptions());
    return { kind: "provider" };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return { kind: "not-provider" };
    throw error;
  }
});

/**
 * Every provider page calls this first. Layouts and pages render in parallel and a layout does
 * not re-render on navigation, so the page is where the guard holds; it also knows its own path
 * for the return trip after signing in.
 */
export async function requireProvider(path: string): Promise<void> {
  const access = await loadProviderAccess();
  if (access.kind === "anonymous") redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (access.kind === "not-provider") forbidden();
}

/**
 * Provider onboarding is for anyone signed in, with or without a profile: only a visitor who is
 * not signed in is sent away, to sign in and come back to `path`.
 */
export async function requireSignedIn(path: string): Promise<void> {
  const access = await loadProviderAccess();
  if (access.kind === "anonymous") redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
