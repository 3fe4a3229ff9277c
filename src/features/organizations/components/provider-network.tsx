"use client";

import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { readFormError } from "@/lib/errors/read-form-error";
import { formatDateTime, zoneOffsetName } from "@/lib/time";
import { useConfirmFocus } from "../hooks/use-confirm-focus";
import { useOrganization } from "../hooks/use-organizations";
import { useEndProviderLink, useInviteProvider, useNetworkProviders, useProviderCandidates } from "../hooks/use-provider-network";
import { PROVIDER_LINK_STATUSES, PROVIDER_SEARCH_LIMIT, searchNetworkProvidersInput, type ProviderLinkStatus } from "../network-schemas";
import type { EndedProviderLinkDto, NetworkProviderDto, ProviderCandidateDto } from "../network-types";
import { ROLE_RANK } from "../permissions";
import { ActionMessages } from "./organization-labels";
import { OrganizationNav } from "./organization-nav";
import { bookingsPhrase, formatLinkDate, LINK_STATUS_LABEL } from "./network-labels";

/** /organizations/[id]/providers: the organization's provider network; admins invite and end links. */
export function ProviderNetwork({ organizationId }: { organizationId: string }) {
  const organization = useOrganization(organizationId);
  if (organization.isPending) return <p role="status">Loading the organization…</p>;
  if (organization.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load this organization: {organization.error.message}
      </p>
    );
  }
  const { name, myRole } = organization.data;
  const isAdmin = ROLE_RANK[myRole] >= ROLE_RANK.ADMIN;
  return (
    <div className="space-y-10">
      <OrganizationNav organizationId={organizationId} />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Providers of {name}</h1>
        <p className="text-slate-700">
          Providers in the network can offer appointments at {name}&apos;s locations. A provider joins by accepting an invitation and may work with other organizations too.
          {isAdmin ? null : " Admins and owners invite providers and end their links."}
        </p>
      </header>
      <NetworkList organizationId={organizationId} organizationName={name} isAdmin={isAdmin} />
      {isAdmin ? <InviteProviders organizationId={organizationId} organizationName={name} /> : null}
    </div>
  );
}

function NetworkList({ organizationId, organizationName, isAdmin }: { organizationId: string; organizationName: string; isAdmin: boolean }) {
  const id = useId();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<ProviderLinkStatus | "">("");
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [ended, setEnded] = useState<{ name: string; result: EndedProviderLinkDto } | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const network = useNetworkProviders(organizationId, page, status || undefined);

  const onEnded = (name: string, result: EndedProviderLinkDto) => {
    setError("");
    setEnded({ name, result });
    setMessage(
      result.upcomingBookingCount === 0
        ? `${name} is no longer in ${organizationName}'s network. Their hours at your locations were removed; they had no upcoming bookings there.`
        : `${name} is no longer in ${organizationName}'s network. Their hours at your locations were removed. ${bookingsPhrase(result.upcomingBookingCount)} at your locations stay booked unless they are cancelled.`,
    );
    // The row's controls are gone: the outcome is where the keyboard continues.
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };
  const onRefused = (refusal: string) => {
    setMessage("");
    setEnded(null);
    setError(refusal);
  };

  const pageCount = network.data ? Math.max(1, Math.ceil(network.data.total / network.data.pageSize)) : 1;
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        Providers in the network
      </h2>
      <div className="max-w-xs">
        <label htmlFor={`${id}-status`} className="mb-1 block text-sm font-medium">
          Show
        </label>
        <Select
          id={`${id}-status`}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as ProviderLinkStatus | "");
            setPage(1);
          }}
        >
          <option value="">All providers</option>
          {PROVIDER_LINK_STATUSES.map((option) => (
            <option key={option} value={option}>
              {LINK_STATUS_LABEL[option]} only
            </option>
          ))}
        </Select>
      </div>
      <div ref={outcomeRef} tabIndex={-1} className="space-y-2 outline-none" data-testid="network-outcome">
        <ActionMessages error={error} status={message} />
        {ended && ended.result.upcomingBookings.length > 0 ? <UpcomingBookings ended={ended.result} name={ended.name} /> : null}
      </div>
      {network.isPending ? (
        <p role="status">Loading providers…</p>
      ) : network.isError ? (
        <p role="alert" className="text-red-700">
          We could not load the providers: {network.error.message} Reload the page to try again.
        </p>
      ) : network.data.items.length === 0 ? (
        <p className="text-slate-700">
          {status ? `No providers are ${LINK_STATUS_LABEL[status].toLowerCase()}.` : "No providers yet."}
          {isAdmin && !status ? " Invite one below." : null}
        </p>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">Providers of {organizationName}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="py-2 pr-4 font-semibold">Provider</th>
                  <th scope="col" className="py-2 pr-4 font-semibold">Status</th>
                  <th scope="col" className="py-2 pr-4 font-semibold">Since</th>
                  <th scope="col" className="py-2 pr-4 font-semibold">Locations in use</th>
                  <th scope="col" className="py-2 pr-4 font-semibold">Schedule edits by managers</th>
                  <th scope="col" className="py-2 pr-4 font-semibold">Upcoming bookings here</th>
                  {isAdmin ? <th scope="col" className="py-2 font-semibold">Changes</th> : null}
                </tr>
              </thead>
              <tbody>
                {network.data.items.map((item) => (
                  <tr key={item.providerId} className="border-b border-slate-200 align-top" data-testid="network-provider">
                    <th scope="row" className="py-2 pr-4 text-left font-medium">
                      {item.status === "ACTIVE" ? <Link href={`/providers/${item.slug}`} className="text-brand-700 underline">{item.displayName}</Link> : item.displayName}
                    </th>
                    <td className="py-2 pr-4" data-testid="network-status">{LINK_STATUS_LABEL[item.status]}</td>
                    <td className="py-2 pr-4">{formatLinkDate(item.since)}</td>
                    <td className="py-2 pr-4">{item.locationsInUse.length > 0 ? item.locationsInUse.map((l) => l.name).join(", ") : "None"}</td>
                    <td className="py-2 pr-4">{item.status === "ACTIVE" ? (item.allowsScheduleEdits ? "Allowed" : "Not allowed") : "—"}</td>
                    <td className="py-2 pr-4">{item.upcomingBookingCount}</td>
                    {isAdmin ? (
                      <td className="py-2">
                        {item.status === "ACTIVE" || item.status === "INVITED" ? (
                          <EndLink organizationId={organizationId} organizationName={organizationName} item={item} onEnded={onEnded} onRefused={onRefused} />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageCount={pageCount} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function UpcomingBookings({ ended, name }: { ended: EndedProviderLinkDto; name: string }) {
  const more = ended.upcomingBookingCount - ended.upcomingBookings.length;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">{name}&apos;s bookings at your locations that stay booked:</p>
      <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="upcoming-bookings">
        {ended.upcomingBookings.map((booking) => (
          <li key={booking.id}>
            {formatDateTime(booking.startsAt, booking.timeZone)} ({booking.timeZone.replaceAll("_", " ")}, {zoneOffsetName(booking.startsAt, booking.timeZone)}) at{" "}
            {booking.locationName}, {booking.status === "PENDING" ? "awaiting the provider's approval" : "confirmed"}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-2">And {more} more after these.</p> : null}
      <p className="mt-2">The patients still expect {name} then. {name} sees these bookings on their bookings page and can cancel them there, which tells the patients.</p>
    </div>
  );
}

function EndLink({
  organizationId,
  organizationName,
  item,
  onEnded,
  onRefused,
}: {
  organizationId: string;
  organizationName: string;
  item: NetworkProviderDto;
  onEnded: (name: string, result: EndedProviderLinkDto) => void;
  onRefused: (message: string) => void;
}) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const end = useEndProviderLink();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  useConfirmFocus(isConfirming, confirmRef, startRef, isDone);
  const isInvitation = item.status === "INVITED";
  const who = item.displayName;

  const onConfirm = () => {
    end.mutate(
      { organizationId, providerId: item.providerId },
      {
        onSuccess: (result) => {
          setIsDone(true);
          setIsConfirming(false);
          onEnded(who, result);
        },
        onError: (error) => {
          setIsConfirming(false);
          onRefused(readFormError(error).message);
        },
      },
    );
  };

  if (!isConfirming) {
    return (
      <Button ref={startRef} variant="secondary" onClick={() => setIsConfirming(true)}>
        {isInvitation ? "Withdraw invitation" : "End link"}
        <span className="sr-only"> with {who}</span>
      </Button>
    );
  }
  return (
    <div className="max-w-sm space-y-2 rounded-md border border-red-300 bg-red-50 p-3" data-testid="end-link-confirm">
      {isInvitation ? (
        <p className="text-sm text-red-900">Withdraw {organizationName}&apos;s invitation to {who}? They will no longer be able to accept it.</p>
      ) : (
        <p className="text-sm text-red-900">
          End {who}&apos;s link with {organizationName}? Their hours at your locations are removed at once, so patients can no longer book them there.{" "}
          {item.upcomingBookingCount === 0
            ? "They have no upcoming bookings at your locations."
            : `${bookingsPhrase(item.upcomingBookingCount)} at your locations stay booked unless they are cancelled.`}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button ref={confirmRef} disabled={end.isPending} className="bg-red-700 hover:bg-red-800" onClick={onConfirm}>
          {end.isPending ? "Ending…" : isInvitation ? "Yes, withdraw" : "Yes, end link"}
          <span className="sr-only"> with {who}</span>
        </Button>
        <Button variant="secondary" onClick={() => setIsConfirming(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function InviteProviders({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const [fieldError, setFieldError] = useState<string[] | undefined>(undefined);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const statusRef = useRef<HTMLDivElement>(null);
  const candidates = useProviderCandidates(organizationId, query);
  const invite = useInviteProvider();

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const parsed = searchNetworkProvidersInput.shape.query.safeParse(draft);
    if (!parsed.success) {
      setFieldError(parsed.error.issues.map((issue) => issue.message));
      return;
    }
    setFieldError(undefined);
    setQuery(parsed.data);
  };

  const searchError = candidates.isError ? readFormError(candidates.error) : null;
  const errors = fieldError ?? searchError?.fieldErrors.query;

  const onInvite = (candidate: ProviderCandidateDto) => {
    setError("");
    setMessage("");
    invite.mutate(
      { organizationId, providerId: candidate.providerId },
      {
        onSuccess: () => setMessage(`${candidate.displayName} is invited. They get an email and can accept from their provider page; they appear above as Invited.`),
        onError: (refused) => setError(readFormError(refused).message),
        // The result's button is replaced by its new status: continue from the message.
        onSettled: () => requestAnimationFrame(() => statusRef.current?.focus()),
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="max-w-2xl space-y-4">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        Invite a provider
      </h2>
      <p className="text-sm text-slate-700">
        Find approved providers on MedBookings by name or profile address. An invited provider chooses whether to join {organizationName}. A provider who declines can be invited again after 30 days.
      </p>
      <form onSubmit={onSearch} role="search" aria-label="Providers to invite" className="flex flex-wrap items-end gap-2" noValidate>
        <div className="min-w-64 flex-1">
          <label htmlFor={`${id}-query`} className="mb-1 block text-sm font-medium">
            Provider name
          </label>
          <Input
            id={`${id}-query`}
            type="search"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-invalid={errors ? true : undefined}
            aria-describedby={describedBy(`${id}-hint`, errors && `${id}-error`)}
            autoComplete="off"
          />
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
            At least 2 characters, for example a surname.
          </p>
          <FieldErrorText id={`${id}-error`} messages={errors} />
        </div>
        <Button type="submit">Search</Button>
      </form>
      <div ref={statusRef} tabIndex={-1} className="outline-none">
        <ActionMessages error={error || (searchError && !searchError.fieldErrors.query ? `The search failed: ${searchError.message}` : "")} status={message} />
      </div>
      <SearchResults query={query} candidates={query ? candidates.data : undefined} isSearching={candidates.isFetching && (candidates.isPlaceholderData || !candidates.data)} onInvite={onInvite} isInviting={invite.isPending} />
    </section>
  );
}

function SearchResults({
  query,
  candidates,
  isSearching,
  onInvite,
  isInviting,
}: {
  query: string;
  candidates: ProviderCandidateDto[] | undefined;
  isSearching: boolean;
  onInvite: (candidate: ProviderCandidateDto) => void;
  isInviting: boolean;
}) {
  const id = useId();
  const summary = !query ? "" : isSearching ? `Searching for “${query}”…` : candidates ? resultSummary(candidates.length, query) : "";
  return (
    <div className="space-y-2">
      {query ? (
        <h3 id={`${id}-heading`} className="text-lg font-semibold">
          Results
        </h3>
      ) : null}
      {/* Present before the first search, so screen readers announce what it finds. */}
      <p role="status" className="text-sm text-slate-700">
        {summary}
      </p>
      {candidates && candidates.length > 0 ? (
        <ul aria-labelledby={`${id}-heading`} className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="provider-candidates">
          {candidates.map((candidate) => (
            <li key={candidate.providerId} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div>
                <p className="font-medium">{candidate.displayName}</p>
                <p className="text-sm text-slate-600">
                  {candidate.specialties.length > 0 ? candidate.specialties.join(", ") : "No specialty listed"} · /providers/{candidate.slug}
                </p>
              </div>
              {candidate.linkStatus === "ACTIVE" || candidate.linkStatus === "INVITED" ? (
                <span className="text-sm text-slate-700">{candidate.linkStatus === "ACTIVE" ? "Already in your network" : "Invited, awaiting an answer"}</span>
              ) : (
                <Button variant="secondary" disabled={isInviting} onClick={() => onInvite(candidate)}>
                  {candidate.linkStatus ? "Invite again" : "Invite"}
                  <span className="sr-only"> {candidate.displayName}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function resultSummary(count: number, query: string): string {
  if (count === 0) return `No approved provider matches “${query}”. Check the spelling, or ask the provider for the address of their profile.`;
  return count === 1 ? `1 provider matches “${query}”.` : `${count} providers match “${query}”${count >= PROVIDER_SEARCH_LIMIT ? ` (the first ${PROVIDER_SEARCH_LIMIT} are shown; type more of the name to narrow it)` : ""}.`;
}
