import type { Metadata } from "next";
import { ProviderReviewQueue, REVIEW_QUEUE_PAGE_SIZE } from "@/features/admin";
import { PendingOrganizations } from "@/features/organizations";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireAdmin } from "../admin-access";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function ReviewQueuePage() {
  await requireAdmin("/admin/review");
  await Promise.all([
    prefetch(trpc.admin.providers.queue.queryOptions({ offset: 0, limit: REVIEW_QUEUE_PAGE_SIZE })),
    prefetch(trpc.organizations.pending.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold">Review queue</h1>
        <ProviderReviewQueue />
        <PendingOrganizations />
      </div>
    </HydrateClient>
  );
}
