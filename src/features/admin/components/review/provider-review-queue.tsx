"use client";

import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { REVIEW_QUEUE_PAGE_SIZE } from "../../review-schemas";
import type { ReviewQueueItemDto } from "../../review-types";
import { adminTime } from "./review-labels";
import { useReviewQueue } from "./use-provider-review";

function documentCounts({ documents }: ReviewQueueItemDto): string {
  const parts = [`${documents.approved} approved`, `${documents.submitted} to review`];
  if (documents.rejected > 0) parts.push(`${documents.rejected} rejected`);
  if (documents.missing > 0) parts.push(`${documents.missing} missing`);
  return `${documents.total} required document${documents.total === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/** /admin/review: providers who sent their profile for review, oldest first, each linking to their review page. */
export function ProviderReviewQueue() {
  const [offset, setOffset] = useState(0);
  const queue = useReviewQueue(offset, REVIEW_QUEUE_PAGE_SIZE);
  const total = queue.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / REVIEW_QUEUE_PAGE_SIZE));

  return (
    <section aria-labelledby="provider-queue-heading" className="space-y-3">
      <h2 id="provider-queue-heading" className="text-xl font-semibold">
        Providers awaiting review
      </h2>
      {queue.isError ? (
        <p role="alert" className="text-red-700">
          We could not load the providers awaiting review: {queue.error.message}
        </p>
      ) : null}
      {queue.isPending ? <p>Loading…</p> : null}
      {queue.data ? (
        <p className="text-sm text-slate-700">
          {total === 0 ? "None: no provider is waiting for a decision." : `${total} waiting, the longest-waiting first.`}
        </p>
      ) : null}
      <ul className="space-y-2">
        {queue.data?.items.map((item) => (
          <li key={item.providerId}>
            <Card className="space-y-1" data-testid="pending-provider">
              <h3 className="font-semibold">
                <Link href={`/admin/providers/${item.providerId}`} className="text-brand-700 underline">
                  {item.displayName}
                </Link>
              </h3>
              <p className="text-sm text-slate-700">Sent for review {adminTime(item.submittedAt)}</p>
              <p className="text-sm text-slate-700">{item.specialties.length > 0 ? item.specialties.join(", ") : "No specialty chosen"}</p>
              <p className="text-sm text-slate-900">{documentCounts(item)}</p>
            </Card>
          </li>
        ))}
      </ul>
      <Pagination
        page={Math.floor(offset / REVIEW_QUEUE_PAGE_SIZE) + 1}
        pageCount={pageCount}
        onPage={(page) => setOffset((page - 1) * REVIEW_QUEUE_PAGE_SIZE)}
      />
    </section>
  );
}
