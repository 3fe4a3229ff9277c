"use client";

import Link from "next/link";
import { useId } from "react";
import { auditListInput, type AuditListInput } from "../../audit-schemas";
import type { AuditActor, AuditEntryRow } from "../../audit-types";
import { useAuditTrail } from "../../hooks/use-audit-trail";
import { Cell, LoadMore, mergeErrors, QueryStatus, ResultsTable, SearchForm, serverFieldErrors, TextField, utcDateToInstant, When } from "../directory/admin-ui";
import { useFilterForm } from "../directory/use-filter-form";

const ADMIN_TIME_ZONE = "UTC";

/** Actions worth offering as suggestions; any other action can be typed. A trailing dot picks a family. */
const KNOWN_ACTIONS = [
  "booking.record_read",
  "patient.record_read",
  "patient_records.listed",
  "booking.",
  "organization.",
  "provider.",
  "availability.",
  "calendar.",
  "location.",
  "notification_preferences.updated",
];
const KNOWN_SUBJECT_TYPES = ["booking", "user", "provider", "organization", "location", "service"];

const EMPTY_FORM = { action: "", actorEmail: "", subjectType: "", subjectId: "", from: "", to: "" };

function actorText(actor: AuditActor): string {
  if (actor.kind === "SYSTEM") return "System";
  if (actor.kind === "ERASED") return "Erased user";
  return actor.name ? `${actor.name} (${actor.email})` : actor.email;
}

function Subject({ row }: { row: AuditEntryRow }) {
  const href = row.subjectType === "booking" ? `/admin/bookings/${row.subjectId}` : row.subjectType === "provider" ? `/admin/providers/${row.subjectId}` : null;
  const id = <code className="break-all">{row.subjectId}</code>;
  return (
    <>
      {row.subjectType}{" "}
      {href ? (
        <Link className="text-brand-700 underline" href={href}>
          {id}
        </Link>
      ) : (
        id
      )}
    </>
  );
}

/** Long details (a listed read names every booking) fold away behind their first characters. */
function Details({ details }: { details: Record<string, unknown> }) {
  const text = JSON.stringify(details);
  if (text === "{}") return <span className="text-slate-500">—</span>;
  if (text.length <= 160) return <code className="break-all text-xs">{text}</code>;
  return (
    <details>
      <summary className="cursor-pointer text-xs">
        <code className="break-all">{text.slice(0, 120)}…</code>
      </summary>
      <code className="block break-all text-xs">{text}</code>
    </details>
  );
}

/** /admin/audit: who did what to which record, newest first, filterable. Times in UTC. */
export function AuditTrail() {
  const id = useId();
  const { form, filters, errors, set, submit, reset } = useFilterForm({
    empty: EMPTY_FORM,
    initial: {} as Omit<AuditListInput, "cursor">,
    toFilters: (values) => ({
      action: values.action,
      actorEmail: values.actorEmail,
      subjectType: values.subjectType,
      subjectId: values.subjectId,
      from: utcDateToInstant(values.from),
      to: utcDateToInstant(values.to, { inclusiveEnd: true }),
    }),
    schema: auditListInput,
  });
  const trail = useAuditTrail(filters);
  const rows = trail.data?.pages.flatMap((page) => page.items) ?? [];

  const fieldErrors = mergeErrors(errors, serverFieldErrors(trail.error));
  return (
    <div className="space-y-4">
      <SearchForm
        label="Filter the audit trail"
        submitLabel="Apply filters"
        onSubmit={submit}
        onReset={reset}
      >
        <TextField
          id={`${id}-action`}
          name="action"
          label="Action"
          hint="An exact action, or the start of one ending in a dot (organization.) for all of its kind."
          list={`${id}-actions`}
          value={form.action}
          onChange={set("action")}
          errors={fieldErrors}
        />
        <TextField id={`${id}-actor`} name="actorEmail" label="Actor's email" type="email" value={form.actorEmail} onChange={set("actorEmail")} errors={fieldErrors} />
        <TextField id={`${id}-subject-type`} name="subjectType" label="Subject type" list={`${id}-subject-types`} value={form.subjectType} onChange={set("subjectType")} errors={fieldErrors} />
        <TextField
          id={`${id}-subject-id`}
          name="subjectId"
          label="Subject id"
          hint="Needs a subject type."
          value={form.subjectId}
          onChange={set("subjectId")}
          errors={fieldErrors}
        />
        <TextField id={`${id}-from`} name="from" label="From (UTC date)" type="date" value={form.from} onChange={set("from")} errors={fieldErrors} />
        <TextField id={`${id}-to`} name="to" label="To (UTC date, included)" type="date" value={form.to} onChange={set("to")} errors={fieldErrors} />
      </SearchForm>
      <datalist id={`${id}-actions`}>
        {KNOWN_ACTIONS.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <datalist id={`${id}-subject-types`}>
        {KNOWN_SUBJECT_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <QueryStatus query={trail} shown={trail.data ? rows.length : null} noun={{ one: "entry", many: "entries" }} />
      {rows.length > 0 ? (
        <ResultsTable caption="Audit trail, newest first. Times are in UTC." columns={["Time (UTC)", "Actor", "Action", "Subject", "Details", "IP address", "User agent"]}>
          {rows.map((row) => (
            <tr key={row.id}>
              <Cell className="whitespace-nowrap">
                <When date={row.occurredAt} timeZone={ADMIN_TIME_ZONE} />
              </Cell>
              <Cell>{actorText(row.actor)}</Cell>
              <Cell>
                <code>{row.action}</code>
              </Cell>
              <Cell>
                <Subject row={row} />
              </Cell>
              <Cell className="max-w-xs">
                <Details details={row.details} />
              </Cell>
              <Cell>{row.ipAddress ?? "—"}</Cell>
              <Cell className="max-w-xs break-words text-xs">{row.userAgent ?? "—"}</Cell>
            </tr>
          ))}
        </ResultsTable>
      ) : null}
      <LoadMore query={trail} label="audit entries" />
    </div>
  );
}
