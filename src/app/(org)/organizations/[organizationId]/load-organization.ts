import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getSession } from "@/server/auth";
import { getQueryClient, trpc } from "@/trpc/server";

const isMissing = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  // A non-member gets NOT_FOUND whether or not the organization exists; a malformed id fails
  // input validation and is just as missing, so neither hints that an organization exists.
  return code === "NOT_FOUND" || code === "BAD_REQUEST";
};

/** Loads the organization into the request's query cache once, for the metadata and the page. */
export const loadOrganization = cache(async (organizationId: string) => {
  try {
    return await getQueryClient().fetchQuery(trpc.organizations.get.queryOptions({ organizationId }));
  } catch (error) {
    if (isMissing(error)) notFound();
    throw error;
  }
});

/**
 * Every page of an organization: signed-in members only (others are sent to sign in and come
 * back to `path`), and a 404 for anyone else, so a page never hints that an organization exists.
 */
export async function requireOrganizationMember(organizationId: string, path: string) {
  const session = await getSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  const organization = await loadOrganization(organizationId);
  return { session, organization };
}

/** Page metadata for an organization page: its name (members only), never indexed. */
export async function organizationMetadata(organizationId: string, section: string | null) {
  const session = await getSession();
  if (!session) return { title: section ?? "Organization" };
  const organization = await loadOrganization(organizationId);
  return { title: section ? `${section} · ${organization.name}` : organization.name, robots: { index: false, follow: false } };
}
