"use client";

import Link from "next/link";
import { useId, useRef, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { issuesByField } from "@/lib/errors/read-form-error";
import { BOOKING_STATUSES, PROVIDER_STATUSES, searchBookingsInput, searchPatientsInput, searchProvidersInput, type SearchBookingsInput } from "../../directory-schemas";
import { useBookingSearch, usePatientSearch, useProviderSearch } from "../../hooks/use-admin-directory";
import {
  Cell,
  LoadMore,
  mergeErrors,
  QueryStatus,
  ResultsTable,
  SearchForm,
  SelectField,
  serverFieldErrors,
  TextField,
  utcDateToInstant,
  When,
  type FieldErrors,
} from "./admin-ui";
import { useFilterForm } from "./use-filter-form";
import { BOOKING_STATUS_LABEL, ERASED_PATIENT, patientSummaryText, PROVIDER_STATUS_LABEL } from "./directory-labels";

const ADMIN_TIME_ZONE = "UTC";

/** /admin/find: three searches (bookings, providers, patients); each result opens its record. */
export function AdminFind() {
  const [provider, setProvider] = useState<{ id: string; name: string } | null>(null);
  const bookingsHeading = useRef<HTMLHeadingElement>(null);
  return (
    <div className="space-y-10">
      <BookingSearch
        provider={provider}
        onClearProvider={() => setProvider(null)}
        headingRef={bookingsHeading}
      />
      <ProviderSearch
        onShowBookings={(picked) => {
          setProvider(picked);
          bookingsHeading.current?.focus();
        }}
      />
      <PatientSearch />
    </div>
  );
}

type BookingFilters = Omit<SearchBookingsInput, "cursor">;

function BookingSearch({
  provider,
  onClearProvider,
  headingRef,
}: {
  provider: { id: string; name: string } | null;
  onClearProvider: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const id = useId();
  const { form, filters: submitted, errors, set, submit, reset } = useFilterForm({
    empty: { query: "", status: "", from: "", to: "" },
    initial: null as BookingFilters | null,
    toFilters: (values): BookingFilters => ({
      query: values.query,
      status: (values.status || undefined) as BookingFilters["status"],
      from: utcDateToInstant(values.from),
      to: utcDateToInstant(values.to, { inclusiveEnd: true }),
    }),
    schema: searchBookingsInput,
  });
  // A provider picked from the provider results searches at once, with the other filters as they were submitted.
  const filters: BookingFilters | null = provider
    ? { ...(submitted ?? {}), providerId: provider.id }
    : submitted && { ...submitted, providerId: undefined };
  const search = useBookingSearch(filters);
  const rows = search.data?.pages.flatMap((page) => page.items) ?? [];

  const fieldErrors = mergeErrors(errors, serverFieldErrors(search.error));
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        Bookings
      </h2>
      <SearchForm
        label="Search bookings"
        submitLabel="Search bookings"
        onSubmit={submit}
        onReset={() => {
          reset();
          onClearProvider();
        }}
      >
        <TextField
          id={`${id}-query`}
          name="query"
          label="Booking id, patient or provider"
          hint="A booking id, or part of the patient's name, email or phone, or of the provider's name."
          type="search"
          value={form.query}
          onChange={set("query")}
          errors={fieldErrors}
        />
        <SelectField
          id={`${id}-status`}
          name="status"
          label="Status"
          value={form.status}
          onChange={set("status")}
          errors={fieldErrors}
          options={[{ value: "", label: "Any (holds left out)" }, ...BOOKING_STATUSES.map((status) => ({ value: status, label: BOOKING_STATUS_LABEL[status] }))]}
        />
        <TextField id={`${id}-from`} name="from" label="Starting on or after (UTC date)" type="date" value={form.from} onChange={set("from")} errors={fieldErrors} />
        <TextField id={`${id}-to`} name="to" label="Starting on or before (UTC date)" type="date" value={form.to} onChange={set("to")} errors={fieldErrors} />
      </SearchForm>
      {provider ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          Only bookings with {provider.name}.
          <Button variant="ghost" onClick={onClearProvider}>
            Show every provider&apos;s bookings
          </Button>
        </p>
      ) : null}
      {filters ? (
        <>
          <QueryStatus query={search} shown={search.data ? rows.length : null} noun={{ one: "booking", many: "bookings" }} />
          {rows.length > 0 ? (
            <ResultsTable
              caption="Bookings found, latest start first. Times are in each provider's time zone; emails are masked until the record is opened."
              columns={["Starts", "Status", "Provider", "Service", "Patient", "Record"]}
            >
              {rows.map((row) => {
                const patient = patientSummaryText(row.patient);
                return (
                  <tr key={row.id}>
                    <Cell>
                      <When date={row.startsAt} timeZone={row.provider.timeZone} />
                    </Cell>
                    <Cell>{BOOKING_STATUS_LABEL[row.status]}</Cell>
                    <Cell>
                      <Link className="text-brand-700 underline" href={`/admin/providers/${row.provider.id}`}>
                        {row.provider.name}
                      </Link>
                    </Cell>
                    <Cell>{row.serviceName}</Cell>
                    <Cell>
                      {patient.name}
                      {patient.detail ? <span className="block text-slate-600">{patient.detail}</span> : null}
                    </Cell>
                    <Cell>
                      <Link className="text-brand-700 underline" href={`/admin/bookings/${row.id}`}>
                        Open record
                        <span className="sr-only">
                          {" "}
                          of the booking with {row.provider.name} on <When date={row.startsAt} timeZone={row.provider.timeZone} />
                        </span>
                      </Link>
                    </Cell>
                  </tr>
                );
              })}
            </ResultsTable>
          ) : null}
          <LoadMore query={search} label="bookings" />
        </>
      ) : null}
    </section>
  );
}

function ProviderSearch({ onShowBookings }: { onShowBookings: (provider: { id: string; name: string }) => void }) {
  const id = useId();
  const [form, setForm] = useState({ query: "", status: "" });
  const [submitted, setSubmitted] = useState<{ query?: string; status?: (typeof PROVIDER_STATUSES)[number] } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const search = useProviderSearch(submitted);
  const rows = search.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = () => {
    const candidate = { query: form.query, status: (form.status || undefined) as (typeof PROVIDER_STATUSES)[number] | undefined };
    const parsed = searchProvidersInput.safeParse(candidate);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues));
      return;
    }
    setErrors({});
    setSubmitted(candidate);
  };

  const fieldErrors = mergeErrors(errors, serverFieldErrors(search.error));
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        Providers
      </h2>
      <SearchForm label="Search providers" submitLabel="Search providers" onSubmit={submit}>
        <TextField
          id={`${id}-query`}
          name="query"
          label="Name, email, slug or registration number"
          hint="Leave empty to list every provider in the chosen status."
          type="search"
          value={form.query}
          onChange={(query) => setForm((current) => ({ ...current, query }))}
          errors={fieldErrors}
        />
        <SelectField
          id={`${id}-status`}
          name="status"
          label="Status"
          value={form.status}
          onChange={(status) => setForm((current) => ({ ...current, status }))}
          errors={fieldErrors}
          options={[{ value: "", label: "Any" }, ...PROVIDER_STATUSES.map((status) => ({ value: status, label: PROVIDER_STATUS_LABEL[status] }))]}
        />
      </SearchForm>
      {submitted ? (
        <>
          <QueryStatus query={search} shown={search.data ? rows.length : null} noun={{ one: "provider", many: "providers" }} />
          {rows.length > 0 ? (
            <ResultsTable caption="Providers found, by name. Dates are in UTC." columns={["Provider", "Status", "Email", "Registration number", "Sent for review", "Bookings"]}>
              {rows.map((row) => (
                <tr key={row.id}>
                  <Cell>
                    <Link className="text-brand-700 underline" href={`/admin/providers/${row.id}`}>
                      {row.displayName}
                    </Link>
                    <span className="block text-slate-600">{row.slug}</span>
                  </Cell>
                  <Cell>{PROVIDER_STATUS_LABEL[row.status]}</Cell>
                  <Cell>{row.email ?? "Erased account"}</Cell>
                  <Cell>{row.registrationNumber ?? "—"}</Cell>
                  <Cell>
                    <When date={row.submittedAt} timeZone={ADMIN_TIME_ZONE} />
                  </Cell>
                  <Cell>
                    <Button variant="secondary" onClick={() => onShowBookings({ id: row.id, name: row.displayName })}>
                      Show bookings<span className="sr-only"> of {row.displayName}</span>
                    </Button>
                  </Cell>
                </tr>
              ))}
            </ResultsTable>
          ) : null}
          <LoadMore query={search} label="providers" />
        </>
      ) : null}
    </section>
  );
}

function PatientSearch() {
  const id = useId();
  const [text, setText] = useState("");
  const [submitted, setSubmitted] = useState<{ query: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const search = usePatientSearch(submitted);
  const rows = search.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = () => {
    const parsed = searchPatientsInput.safeParse({ query: text });
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues));
      return;
    }
    setErrors({});
    setSubmitted({ query: parsed.data.query });
  };

  const fieldErrors = mergeErrors(errors, serverFieldErrors(search.error));
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        Patients
      </h2>
      <SearchForm label="Search patients" submitLabel="Search patients" onSubmit={submit}>
        <TextField
          id={`${id}-query`}
          name="query"
          label="Name, email, phone or user id"
          hint="Patients with an account come first, then guests (who booked without one), grouped by email."
          type="search"
          required
          value={text}
          onChange={setText}
          errors={fieldErrors}
        />
      </SearchForm>
      {submitted ? (
        <>
          <QueryStatus query={search} shown={search.data ? rows.length : null} noun={{ one: "patient", many: "patients" }} />
          {rows.length > 0 ? (
            <ResultsTable
              caption="Patients found: accounts by email, then guests by email. Contact details are masked until a record is opened."
              columns={["Patient", "Kind", "Email", "Phone", "Bookings"]}
            >
              {rows.map((row, index) => {
                if (row.kind === "GUEST") {
                  // Masked emails can repeat; rows are only ever appended, so the position is stable.
                  return (
                    <tr key={`guest-${index}`}>
                      <Cell>{row.name}</Cell>
                      <Cell>Guest (no account)</Cell>
                      <Cell>{row.maskedEmail}</Cell>
                      <Cell>{row.maskedPhone ?? "—"}</Cell>
                      <Cell>
                        {row.bookingCount} in all; latest:
                        <ul className="mt-1 space-y-1">
                          {row.recentBookings.map((booking) => (
                            <li key={booking.id}>
                              <Link className="text-brand-700 underline" href={`/admin/bookings/${booking.id}`}>
                                <When date={booking.startsAt} timeZone={booking.providerTimeZone} /> with {booking.providerName}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      </Cell>
                    </tr>
                  );
                }
                const name = row.kind === "ERASED" ? ERASED_PATIENT : row.name;
                return (
                  <tr key={row.userId}>
                    <Cell>
                      <Link className="text-brand-700 underline" href={`/admin/patients/${row.userId}`}>
                        {name}
                      </Link>
                    </Cell>
                    <Cell>{row.kind === "ERASED" ? "Account (erased)" : "Account"}</Cell>
                    <Cell>{row.kind === "ACCOUNT" ? row.maskedEmail : "—"}</Cell>
                    <Cell>{row.kind === "ACCOUNT" ? (row.maskedPhone ?? "—") : "—"}</Cell>
                    <Cell>{row.bookingCount}</Cell>
                  </tr>
                );
              })}
            </ResultsTable>
          ) : null}
          <LoadMore query={search} label="patients" />
        </>
      ) : null}
    </section>
  );
}
