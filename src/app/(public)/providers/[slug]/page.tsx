import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { parseSlotLink } from "@/features/availability";
import { ProviderPage } from "@/features/bookings";
import { getSession } from "@/server/auth";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

interface Props {
  params: Promise<{ slug: string }>;
  /** ?service=…&mode=…&location=…&start=… from a search result: preselects that time (see parseSlotLink). */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const isMissing = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  // A malformed slug fails input validation; to the visitor it is just as missing.
  return code === "NOT_FOUND" || code === "BAD_REQUEST";
};

/** Loads the profile into the request's query cache once, for the metadata and the page. */
const loadProvider = cache(async (slug: string) => {
  try {
    return await getQueryClient().fetchQuery(trpc.providers.bySlug.queryOptions({ slug }));
  } catch (error) {
    if (isMissing(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const provider = await loadProvider(slug);
  const specialties = provider.specialties.map((s) => s.name).join(", ");
  return {
    title: provider.displayName,
    description: `Book an appointment with ${provider.displayName}${specialties ? ` (${specialties})` : ""} on MedBookings.`,
  };
}

export default async function ProviderRoute({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const [, session] = await Promise.all([loadProvider(slug), getSession()]);
  const viewer = session ? { name: session.user.name ?? null, email: session.user.email ?? null } : null;
  return (
    <HydrateClient>
      <ProviderPage slug={slug} viewer={viewer} slotLink={parseSlotLink(query)} />
    </HydrateClient>
  );
}
