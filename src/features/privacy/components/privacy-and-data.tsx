"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { formatDateTime, zoneLabel } from "@/lib/time";
import { useEraseAccount, useErasurePreview, useExportSummary, useMyConsents } from "../hooks/use-privacy";
import { CONSENT_SUBJECTS, consentAnswerLabel, consentSourceLabel } from "../privacy-labels";
import { ERASE_CONFIRMATION, eraseAccountInput } from "../schemas";
import type { ErasureBlocker, ErasurePreviewDto, ExportSummaryDto } from "../types";

/** Where the person lands after erasure: signed out, on the home page, told what happened. */
export const ERASED_REDIRECT = "/?erased=1";
export const EXPORT_URL = "/api/account/export";

/** The signed-in person's data rights: download, consent history and erasure. */
export function PrivacyAndData() {
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">Privacy &amp; data</h1>
        <p className="max-w-2xl text-slate-700">
          Download everything MedBookings holds about you, see what you agreed to and when, or erase your personal data. The{" "}
          <Link href="/privacy" className="text-brand-700 underline">
            privacy notice
          </Link>{" "}
          explains what we hold, why and for how long.
        </p>
      </div>
      <DownloadSection />
      <ConsentHistory />
      <ErasureSection />
    </div>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function summaryLines(summary: ExportSummaryDto): string[] {
  return [
    "your account and the sign-in services linked to it (never their keys)",
    ...(summary.hasPatientProfile ? ["your patient profile"] : []),
    ...(summary.hasNotificationPreferences ? ["your notification settings"] : []),
    plural(summary.bookings, "booking", "bookings"),
    plural(summary.bookingEvents, "booking change", "booking changes"),
    plural(summary.notifications, "message we sent you", "messages we sent you"),
    plural(summary.contactChannels, "record about your email address or phone", "records about your email address and phones"),
    plural(summary.consentRecords, "consent record", "consent records"),
    plural(summary.auditEntries, "audit trail entry", "audit trail entries"),
    ...(summary.isProvider ? ["your provider profile, services and verification documents (details, not the files)"] : []),
    ...(summary.organizationMemberships > 0 ? [plural(summary.organizationMemberships, "organization membership", "organization memberships")] : []),
  ];
}

function DownloadSection() {
  const headingId = useId();
  const summary = useExportSummary();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-xl font-semibold">
        Download my data
      </h2>
      {summary.isPending ? <p role="status">Counting what we hold about you…</p> : null}
      {summary.isError ? (
        <p role="alert" className="text-sm text-red-700">
          We could not count what we hold about you: {summary.error.message} The download below still works.
        </p>
      ) : null}
      {summary.data ? (
        <div className="space-y-1 text-sm text-slate-700">
          <p>The file holds:</p>
          <ul className="list-disc pl-6">
            {summaryLines(summary.data).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="max-w-2xl text-sm text-slate-600">
        A JSON file you can open in any text editor or import elsewhere. Times are in UTC, with each appointment&apos;s time zone beside them.
        Downloading is recorded in the audit trail.
      </p>
      <a
        href={EXPORT_URL}
        download
        className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Download my data (JSON)
      </a>
    </section>
  );
}

function ConsentHistory() {
  const headingId = useId();
  const consents = useMyConsents();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-xl font-semibold">
        Consent history
      </h2>
      {consents.isPending ? <p role="status">Loading your consent records…</p> : null}
      {consents.isError ? (
        <div role="alert" className="space-y-2 text-sm text-red-700">
          <p>We could not load your consent records: {consents.error.message}</p>
          <Button variant="secondary" onClick={() => void consents.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}
      {consents.data && consents.data.records.length === 0 ? <p className="text-sm text-slate-700">You have no consent records yet.</p> : null}
      {consents.data && consents.data.records.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="pb-2 text-left text-slate-600">
              What you agreed to or turned off, newest first. Times in {consents.data.timeZone.replaceAll("_", " ")}.
            </caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-4 font-semibold">
                  What
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Version
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Answer
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  When
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Where
                </th>
              </tr>
            </thead>
            <tbody>
              {consents.data.records.map((record, index) => {
                const subject = CONSENT_SUBJECTS[record.subject];
                return (
                  <tr key={`${record.recordedAt.toISOString()}-${record.subject}-${index}`} className="border-b border-slate-200">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {subject.href ? (
                        <Link href={subject.href} className="text-brand-700 underline">
                          {subject.label}
                        </Link>
                      ) : (
                        subject.label
                      )}
                    </th>
                    <td className="py-2 pr-4">{record.version}</td>
                    <td className="py-2 pr-4">{consentAnswerLabel(record.subject, record.granted)}</td>
                    <td className="py-2 pr-4">
                      <time dateTime={record.recordedAt.toISOString()}>{formatDateTime(record.recordedAt, consents.data.timeZone)}</time>
                    </td>
                    <td className="py-2 pr-4">{consentSourceLabel(record.source)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        To change which messages you get, use your{" "}
        <Link href="/my-bookings/notifications" className="text-brand-700 underline">
          notification settings
        </Link>
        .
      </p>
    </section>
  );
}

function ErasureSection() {
  const headingId = useId();
  const preview = useErasurePreview();
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        Erase my data
      </h2>
      {preview.isPending ? <p role="status">Working out what erasing would remove…</p> : null}
      {preview.isError ? (
        <div role="alert" className="space-y-2 text-sm text-red-700">
          <p>{preview.error.message}</p>
          <Button variant="secondary" onClick={() => void preview.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}
      {preview.data ? <ErasurePlan preview={preview.data} onRefresh={() => void preview.refetch()} /> : null}
    </section>
  );
}

function BlockerDetails({ blocker }: { blocker: ErasureBlocker }) {
  if (blocker.kind === "UPCOMING_BOOKINGS") {
    return (
      <ul className="list-disc pl-6">
        {blocker.bookings.map((booking) => (
          <li key={booking.id}>
            {booking.serviceName} with {booking.providerName}, {formatDateTime(booking.startsAt, booking.timeZone)} ({zoneLabel(booking.startsAt, booking.timeZone)})
          </li>
        ))}
        <li className="list-none">
          <Link href="/my-bookings" className="text-brand-700 underline">
            Go to My bookings to cancel them
          </Link>
        </li>
      </ul>
    );
  }
  if (blocker.kind === "ORGANIZATION_OWNER") {
    return (
      <ul className="list-disc pl-6">
        {blocker.organizations.map((organization) => (
          <li key={organization.id}>
            <Link href={`/organizations/${organization.id}`} className="text-brand-700 underline">
              Members of {organization.name}
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return null;
}

function ErasurePlan({ preview, onRefresh }: { preview: ErasurePreviewDto; onRefresh: () => void }) {
  const ids = { blockers: useId(), removed: useId(), kept: useId(), confirmation: useId() };
  const erase = useEraseAccount();
  const [confirmation, setConfirmation] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState("");
  const [status, setStatus] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = `${ids.confirmation}-error`;
  const hintId = `${ids.confirmation}-hint`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError("");
    const parsed = eraseAccountInput.safeParse({ confirmation });
    if (!parsed.success) {
      setFieldErrors(issuesByField(parsed.error.issues));
      inputRef.current?.focus();
      return;
    }
    setFieldErrors({});
    erase.mutate(parsed.data, {
      onSuccess: () => {
        setStatus("Your personal data was erased. Signing you out…");
        void signOut({ callbackUrl: ERASED_REDIRECT });
      },
      onError: (error) => {
        const info = readFormError(error);
        if (info.appCode === "VALIDATION" && info.fieldErrors.confirmation) {
          setFieldErrors(info.fieldErrors);
          inputRef.current?.focus();
        } else {
          setFormError(info.message);
          if (info.appCode === "PRECONDITION_FAILED") onRefresh();
        }
      },
    });
  }

  const isDone = erase.isSuccess;
  return (
    <div className="space-y-5">
      <p className="max-w-2xl text-slate-700">
        Erasing cannot be undone. Your account stops existing for you: you are signed out everywhere, and signing in again with the same
        Google account starts a new, empty account. Download your data first if you want a copy.
      </p>

      {preview.blockers.length > 0 ? (
        <Card className="space-y-3 border-amber-400 bg-amber-50" aria-labelledby={ids.blockers} role="region">
          <h3 id={ids.blockers} className="font-semibold">
            Before you can erase your data
          </h3>
          <ul className="space-y-3">
            {preview.blockers.map((blocker) => (
              <li key={blocker.kind} className="space-y-1 text-sm">
                <p>{blocker.message}</p>
                <BlockerDetails blocker={blocker} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          <h3 id={ids.removed} className="font-semibold">
            What erasing removes
          </h3>
          <ul aria-labelledby={ids.removed} className="list-disc space-y-1 pl-6 text-sm">
            {preview.removed.map((item) => (
              <li key={item.what}>
                {item.what}
                {item.count !== null ? ` (${item.count})` : ""}
              </li>
            ))}
          </ul>
        </div>
        <div className="space-y-2">
          <h3 id={ids.kept} className="font-semibold">
            What we keep, and why
          </h3>
          <ul aria-labelledby={ids.kept} className="space-y-2 text-sm">
            {preview.kept.map((item) => (
              <li key={item.what}>
                <span className="font-medium">
                  {item.what}
                  {item.count !== null ? ` (${item.count})` : ""}.
                </span>{" "}
                {item.why}
              </li>
            ))}
          </ul>
        </div>
      </div>

      <form onSubmit={onSubmit} noValidate className="max-w-md space-y-3" aria-label="Erase my data">
        {formError ? (
          <p role="alert" className="text-sm text-red-700">
            {formError}
          </p>
        ) : null}
        <div className="space-y-1">
          <label htmlFor={ids.confirmation} className="block text-sm font-medium">
            Type {ERASE_CONFIRMATION} to confirm
          </label>
          <p id={hintId} className="text-xs text-slate-600">
            In capital letters. This erases your personal data as listed above.
          </p>
          <Input
            ref={inputRef}
            id={ids.confirmation}
            name="confirmation"
            autoComplete="off"
            spellCheck={false}
            value={confirmation}
            disabled={!preview.canErase || isDone}
            aria-invalid={fieldErrors.confirmation ? true : undefined}
            aria-describedby={describedBy(hintId, fieldErrors.confirmation && errorId)}
            onChange={(event) => {
              setConfirmation(event.target.value);
              if (fieldErrors.confirmation) setFieldErrors({});
            }}
          />
          <FieldErrorText id={errorId} messages={fieldErrors.confirmation} />
        </div>
        <Button type="submit" className="bg-red-700 hover:bg-red-800" disabled={!preview.canErase || erase.isPending || isDone}>
          {erase.isPending ? "Erasing…" : "Erase my data"}
        </Button>
        {!preview.canErase ? <p className="text-sm text-slate-700">Erasing becomes possible once the steps above are done.</p> : null}
        <p role="status" className="text-sm text-green-800">
          {status}
        </p>
      </form>
    </div>
  );
}
