"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/money";
import { cn } from "@/lib/cn";
import type { ProviderForReviewDto } from "../../review-types";
import { ProviderDecisionPanel } from "./provider-decision-panel";
import { ProviderDocumentsReview } from "./provider-documents-review";
import { adminTime, PROVIDER_STATUS_TEXT, PROVIDER_STATUS_TONE, reviewActionText } from "./review-labels";
import { useProviderDocumentsForReview, useProviderForReview } from "./use-provider-review";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function ProfileSection({ provider }: { provider: ProviderForReviewDto }) {
  return (
    <section aria-labelledby="review-profile-heading" className="space-y-3">
      <h2 id="review-profile-heading" className="text-xl font-semibold">
        Profile
      </h2>
      <Card className="space-y-4">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <Fact label="Account email">{provider.email}</Fact>
          <Fact label="Registration number">{provider.registrationNumber ?? "Not given"}</Fact>
          <Fact label="Specialties">{provider.specialties.length > 0 ? provider.specialties.join(", ") : "None chosen"}</Fact>
          <Fact label="Languages">{provider.languages.length > 0 ? provider.languages.join(", ") : "None given"}</Fact>
          <Fact label="Time zone">{provider.timeZone}</Fact>
          <Fact label="Public address">/providers/{provider.slug}</Fact>
          <Fact label="Sent for review">{provider.submittedAt ? adminTime(provider.submittedAt) : "Not sent (draft)"}</Fact>
          {provider.statusChangedAt ? <Fact label="Status since">{adminTime(provider.statusChangedAt)}</Fact> : null}
          {provider.statusReason ? (
            <Fact label="Reason given">
              <span className="whitespace-pre-line">{provider.statusReason}</span>
            </Fact>
          ) : null}
          <Fact label="Profile created">{adminTime(provider.createdAt)}</Fact>
        </dl>
        {provider.bio ? <p className="whitespace-pre-line text-sm text-slate-800">{provider.bio}</p> : null}
        <div className="space-y-2">
          <h3 className="font-semibold">Services</h3>
          {provider.services.length === 0 ? (
            <p className="text-sm text-slate-700">No services yet.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {provider.services.map((service) => (
                <li key={service.id}>
                  {service.name}: {service.durationMinutes} minutes, {formatMoney(service.priceMinor, service.currency)},{" "}
                  {[service.isInPerson ? "in person" : null, service.isOnline ? "online" : null].filter(Boolean).join(" and ")}
                  {service.isActive ? "" : " (inactive)"}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>
    </section>
  );
}

function DecisionHistory({ history }: { history: ProviderForReviewDto["history"] }) {
  return (
    <section aria-labelledby="review-history-heading" className="space-y-3">
      <h2 id="review-history-heading" className="text-xl font-semibold">
        Decision history
      </h2>
      {history.length === 0 ? (
        <p className="text-sm text-slate-700">No decision yet.</p>
      ) : (
        <ol className="space-y-1 text-sm">
          {history.map((entry, index) => (
            <li key={`${entry.action}-${entry.occurredAt.getTime()}-${index}`}>
              {adminTime(entry.occurredAt)}: {reviewActionText(entry.action, entry.documentTypeName)}
              {entry.actorName ? ` by ${entry.actorName}` : ""}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** /admin/providers/[providerId]: everything an admin needs to decide on a provider, and the decisions themselves. */
export function ProviderReview({ providerId }: { providerId: string }) {
  const provider = useProviderForReview(providerId);
  const documents = useProviderDocumentsForReview(providerId);
  const data = provider.data;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{data ? data.displayName : "Provider review"}</h1>
        {data ? (
          <Badge className={cn(PROVIDER_STATUS_TONE[data.status])} data-testid="provider-status">
            {PROVIDER_STATUS_TEXT[data.status]}
          </Badge>
        ) : null}
      </div>
      {provider.isError ? (
        <p role="alert" className="text-red-700">
          We could not load this provider: {provider.error.message}
        </p>
      ) : null}
      {provider.isPending ? <p>Loading…</p> : null}
      {data ? (
        <>
          <ProfileSection provider={data} />
          <ProviderDocumentsReview providerId={providerId} providerStatus={data.status} />
          <ProviderDecisionPanel provider={data} allDocumentsApproved={documents.data?.summary.allApproved} />
          <DecisionHistory history={data.history} />
        </>
      ) : null}
    </div>
  );
}
