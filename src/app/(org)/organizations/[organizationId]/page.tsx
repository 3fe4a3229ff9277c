import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { OrganizationPage } from "@/features/organizations";
import { getSession } from "@/server/auth";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

interface Props {
  params: Promise<{ organizationId: string }>;
}

const isMissing = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  // A non-member gets NOT_FOUND whether or not the organization exists; a malformed id fails
  // input validation and is just as missing, so neither hints that an organization exists.
  return code === "NOT_FOUND" || code === "BAD_REQUEST";
};

/** Loads the organization into the request's query cache once, for the metadata and the page. */
const loadOrganization = cache(async (organizationId: string) => {
  try {
    return await getQueryClient().fetchQuery(trpc.organizations.get.queryOptions({ organizationId }));
  } catch (error) {
    if (isMissing(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ organizationId }, session] = await Promise.all([params, getSession()]);
  if (!session) return { title: "Organization" };
  const organization = await loadOrganization(organizationId);
  return { title: organization.name, robots: { index: false, follow: false } };
}

export default async function OrganizationRoute({ params }: Props) {
  const [{ organizationId }, session] = await Promise.all([params, getSession()]);
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/organizations/${organizationId}`)}`);
  await loadOrganization(organizationId);
  return (
    <HydrateClient>
      <OrganizationPage organizationId={organizationId} viewerUserId={session.user.id} />
    </HydrateClient>
  );
}
