import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ProviderReview } from "@/features/admin";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireAdmin } from "../../admin-access";

export const metadata: Metadata = { title: "Provider review" };
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ providerId: string }>;
}

/** The profile is prefetched; the documents are read by the client once (each read is audited). */
export default async function ProviderReviewPage({ params }: Props) {
  const { providerId } = await params;
  await requireAdmin(`/admin/providers/${encodeURIComponent(providerId)}`);
  if (!z.uuid().safeParse(providerId).success) notFound();
  await prefetch(trpc.admin.providers.get.queryOptions({ providerId }));
  return (
    <HydrateClient>
      <ProviderReview providerId={providerId} />
    </HydrateClient>
  );
}
