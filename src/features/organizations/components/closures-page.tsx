"use client";

import Link from "next/link";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { formatDate, localDateOf } from "@/lib/time";
import { addClosureInput } from "../closure-schemas";
import type { ClosureChangeDto, HolidayDecision, LocationHolidayDto } from "../closure-types";
import { useAddClosure, useClosureLocations, useDecideHolidays, useLocationClosures, useLocationHolidays, useRemoveClosure } from "../hooks/use-closures";
import { useOrganization } from "../hooks/use-organizations";
import type { LocationDto } from "../location-types";
import { ROLE_RANK } from "../permissions";
import { OrganizationNav } from "./organization-nav";

export interface ClosuresPageProps {
  organizationId: string;
  /**
   * The bookings a new closure covers, with cancel and keep. Passed in by the page: that list
   * belongs to the bookings feature, which comes after organizations.
   */
  renderAffected: (closure: { closureId: string }) => ReactNode;
}

const DECISION_LABEL: Record<HolidayDecision, string> = { PENDING: "Not decided", ACCEPTED: "Closed", REJECTED: "Open as usual" };

/**
 * A local date "YYYY-MM-DD" as "Fri, 25 Dec 2026". It is a calendar label, not an instant: noon
 * UTC of that date read in UTC gives back the same label whatever the viewer's zone.
 */
function dateLabel(localDate: string): string {
  return formatDate(new Date(`${localDate}T12:00:00Z`), "UTC");
}

function rangeLabel(startDate: string, endDate: string): string {
  return startDate === endDate ? dateLabel(startDate) : `${dateLabel(startDate)} to ${dateLabel(endDate)}`;
}

/** /organizations/[id]/closures: per location, the year's public holidays to accept or reject, and closures to add or remove. */
export function ClosuresPage({ organizationId, renderAffected }: ClosuresPageProps) {
  const organization = useOrganization(organizationId);
  const locations = useClosureLocations(organizationId);
  if (organization.isPending || locations.isPending) return <p role="status">Loading closures and holidays…</p>;
  if (organization.isError || locations.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load closures and holidays: {(organization.error ?? locations.error)?.message} Reload the page to try again.
      </p>
    );
  }
  const canDecide = ROLE_RANK[organization.data.myRole] >= ROLE_RANK.MANAGER;
  return (
    <div className="space-y-10">
      <OrganizationNav organizationId={organizationId} />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Closures and holidays</h1>
        <p className="text-slate-800">
          On a closed date nobody can book an in-person visit at that location; online visits are not affected. Public holidays come from the location&apos;s country
          and region: accept the ones you close on, reject the ones you open on.
        </p>
        {canDecide ? null : (
          <p className="text-sm text-slate-700">Your role lets you see closures and holidays; managers, admins and owners can change them.</p>
        )}
      </header>
      {locations.data.length === 0 ? (
        <p>
          This organization has no locations yet.{" "}
          <Link href={`/organizations/${organizationId}/locations`} className="text-brand-700 underline">
            Add one on the locations page
          </Link>
          .
        </p>
      ) : (
        locations.data.map((location) => (
          <LocationClosures key={location.id} organizationId={organizationId} location={location} canDecide={canDecide} renderAffected={renderAffected} />
        ))
      )}
    </div>
  );
}

interface LocationSectionProps {
  organizationId: string;
  location: LocationDto;
  canDecide: boolean;
  renderAffected: ClosuresPageProps["renderAffected"];
}

function LocationClosures({ organizationId, location, canDecide, renderAffected }: LocationSectionProps) {
  const headingId = useId();
  const [changes, setChanges] = useState<ClosureChangeDto["closures"]>([]);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const thisYear = Number(localDateOf(new Date(), location.timeZone).slice(0, 4));

  const report = {
    changed: (message: string, change?: ClosureChangeDto) => {
      setError("");
      setStatus(message);
      setChanges(change ? change.closures.filter((c) => c.coveredBookingCount > 0) : []);
      // The button pressed may have gone (a decided holiday, a removed closure): land on what happened.
      requestAnimationFrame(() => statusRef.current?.focus());
    },
    refused: (message: string) => {
      setStatus("");
      setError(message);
    },
  };

  return (
    <section aria-labelledby={headingId} className="space-y-6" data-testid="location-closures">
      <div>
        <h2 id={headingId} className="text-xl font-semibold">
          {location.name}
        </h2>
        <p className="text-sm text-slate-700">
          {location.formattedAddress} · dates are on this location&apos;s calendar ({location.timeZone.replaceAll("_", " ")})
        </p>
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <p ref={statusRef} tabIndex={-1} role="status" className="text-sm text-green-800 outline-none">
        {status}
      </p>
      {changes.map((change) => (
        <div key={change.id}>{renderAffected({ closureId: change.id })}</div>
      ))}
      <HolidaysSection organizationId={organizationId} location={location} canDecide={canDecide} thisYear={thisYear} report={report} />
      <ManualClosures organizationId={organizationId} location={location} canDecide={canDecide} thisYear={thisYear} report={report} />
    </section>
  );
}

interface Report {
  changed: (message: string, change?: ClosureChangeDto) => void;
  refused: (message: string) => void;
}

function coveredText(change: ClosureChangeDto): string {
  const covered = change.closures.reduce((sum, c) => sum + c.coveredBookingCount, 0);
  if (covered === 0) return "No bookings are on those dates.";
  return `${covered} ${covered === 1 ? "booking is" : "bookings are"} on those dates: choose below whether to cancel and tell the patients, or keep them.`;
}

function HolidaysSection({ organizationId, location, canDecide, thisYear, report }: Omit<LocationSectionProps, "renderAffected"> & { thisYear: number; report: Report }) {
  const id = useId();
  const [year, setYear] = useState(thisYear);
  const hasCountry = Boolean(location.countryCode);
  const holidays = useLocationHolidays(organizationId, location.id, year, hasCountry);
  const decide = useDecideHolidays();

  const onDecide = (list: LocationHolidayDto[], decision: "ACCEPT" | "REJECT") => {
    decide.mutate(
      { organizationId, locationId: location.id, year, decisions: list.map((h) => ({ startDate: h.startDate, decision })) },
      {
        onSuccess: (change) => {
          const names = list.length === 1 ? list[0]!.name : `${list.length} holidays`;
          report.changed(
            decision === "ACCEPT" ? `${location.name} is closed on ${names}. ${coveredText(change)}` : `${location.name} stays open on ${names}.`,
            change,
          );
        },
        onError: (error) => report.refused(readFormError(error).message),
      },
    );
  };

  return (
    <Card className="space-y-4">
      <h3 className="text-lg font-semibold">Public holidays</h3>
      {!hasCountry ? (
        <p className="text-sm" data-testid="closures-no-country">
          This location has no country set, so no public holidays can be offered.{" "}
          <Link href={`/organizations/${organizationId}/locations`} className="text-brand-700 underline">
            Set its country on the locations page
          </Link>
          .
        </p>
      ) : (
        <>
          <div className="max-w-40">
            <label htmlFor={`${id}-year`} className="block text-sm font-medium">
              Year
            </label>
            <Select id={`${id}-year`} value={year} onChange={(event) => setYear(Number(event.target.value))}>
              {[thisYear, thisYear + 1].map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
          </div>
          {holidays.isPending ? (
            <p role="status">Loading holidays…</p>
          ) : holidays.isError ? (
            <p role="alert" className="text-sm text-red-700">
              We could not load the holidays: {holidays.error.message}
            </p>
          ) : !holidays.data.isCountryKnown ? (
            <p className="text-sm">
              The holiday calendar has no public holidays for country {location.countryCode}. Add the days you close as closures below.
            </p>
          ) : (
            <>
              {!holidays.data.isRegionKnown && location.regionCode ? (
                <p className="text-sm text-slate-700">
                  The holiday calendar has no separate holidays for region {location.regionCode}; these are the national ones.
                </p>
              ) : null}
              <HolidayTable
                holidays={holidays.data.holidays}
                year={year}
                canDecide={canDecide}
                isPending={decide.isPending}
                onDecide={onDecide}
              />
            </>
          )}
        </>
      )}
    </Card>
  );
}

function HolidayTable({
  holidays,
  year,
  canDecide,
  isPending,
  onDecide,
}: {
  holidays: LocationHolidayDto[];
  year: number;
  canDecide: boolean;
  isPending: boolean;
  onDecide: (list: LocationHolidayDto[], decision: "ACCEPT" | "REJECT") => void;
}) {
  const pending = holidays.filter((h) => h.decision === "PENDING");
  if (holidays.length === 0) return <p className="text-sm">No public holidays in {year}.</p>;
  return (
    <div className="space-y-3">
      {canDecide && pending.length > 0 ? (
        <Button onClick={() => onDecide(pending, "ACCEPT")} disabled={isPending}>
          Accept all {pending.length} undecided holidays of {year}
        </Button>
      ) : null}
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">Public holidays in {year}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-2 pr-4 font-semibold">
                Date
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Holiday
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Decision
              </th>
              {canDecide ? (
                <th scope="col" className="py-2 font-semibold">
                  Change
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {holidays.map((holiday) => (
              <tr key={holiday.startDate} className="border-b border-slate-200" data-testid="holiday-row">
                <td className="py-2 pr-4 whitespace-nowrap">{rangeLabel(holiday.startDate, holiday.endDate)}</td>
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  {holiday.name}
                </th>
                <td className="py-2 pr-4" data-testid="holiday-decision">
                  {DECISION_LABEL[holiday.decision]}
                </td>
                {canDecide ? (
                  <td className="py-2">
                    <div className="flex gap-2">
                      <Button variant="secondary" disabled={isPending || holiday.decision === "ACCEPTED"} onClick={() => onDecide([holiday], "ACCEPT")}>
                        Close<span className="sr-only"> on {holiday.name}</span>
                      </Button>
                      <Button variant="secondary" disabled={isPending || holiday.decision === "REJECTED"} onClick={() => onDecide([holiday], "REJECT")}>
                        Stay open<span className="sr-only"> on {holiday.name}</span>
                      </Button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ManualClosures({ organizationId, location, canDecide, thisYear, report }: Omit<LocationSectionProps, "renderAffected"> & { thisYear: number; report: Report }) {
  const closures = useLocationClosures(organizationId, location.id, `${thisYear}-01-01`, `${thisYear + 1}-12-31`);
  const remove = useRemoveClosure();
  const manual = closures.data?.filter((c) => c.source === "MANUAL") ?? [];
  return (
    <Card className="space-y-4">
      <h3 className="text-lg font-semibold">Other closures</h3>
      {closures.isPending ? (
        <p role="status">Loading closures…</p>
      ) : closures.isError ? (
        <p role="alert" className="text-sm text-red-700">
          We could not load the closures: {closures.error.message}
        </p>
      ) : manual.length === 0 ? (
        <p className="text-sm text-slate-700">
          No other closures in {thisYear} or {thisYear + 1}.
        </p>
      ) : (
        <ul className="space-y-2" aria-label={`Closures of ${location.name}`}>
          {manual.map((closure) => (
            <li key={closure.id} className="flex flex-wrap items-center gap-3 text-sm" data-testid="manual-closure">
              <span>
                <strong>{closure.name}</strong>: {rangeLabel(closure.startDate, closure.endDate)}
              </span>
              {canDecide ? (
                <Button
                  variant="secondary"
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(
                      { organizationId, closureId: closure.id },
                      {
                        onSuccess: () => report.changed(`${closure.name} removed: ${location.name} is open again on those dates.`),
                        onError: (error) => report.refused(readFormError(error).message),
                      },
                    )
                  }
                >
                  Remove<span className="sr-only"> {closure.name}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canDecide ? <AddClosureForm organizationId={organizationId} location={location} report={report} /> : null}
    </Card>
  );
}

function AddClosureForm({ organizationId, location, report }: { organizationId: string; location: LocationDto; report: Report }) {
  const id = useId();
  const today = localDateOf(new Date(), location.timeZone);
  const [name, setName] = useState("");
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState(today);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const add = useAddClosure();
  const errorId = (field: string) => `${id}-${field}-error`;
  const fieldProps = (field: string) => ({
    "aria-invalid": Boolean(fieldErrors[field]?.length),
    "aria-describedby": describedBy(fieldErrors[field]?.length && errorId(field)),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = addClosureInput.safeParse({ locationId: location.id, name, startDate, endDate });
    if (!checked.success) {
      setFieldErrors(issuesByField(checked.error.issues));
      return;
    }
    setFieldErrors({});
    add.mutate(
      { organizationId, ...checked.data },
      {
        onSuccess: (change) => {
          setName("");
          report.changed(`${location.name} is closed for ${checked.data.name}, ${rangeLabel(checked.data.startDate, checked.data.endDate)}. ${coveredText(change)}`, change);
        },
        onError: (error) => {
          const problem = readFormError(error);
          setFieldErrors(problem.fieldErrors);
          report.refused(problem.message);
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-labelledby={`${id}-heading`} noValidate>
      <h4 id={`${id}-heading`} className="font-semibold">
        Add a closure
      </h4>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium">
            Name
          </label>
          <Input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} maxLength={120} {...fieldProps("name")} />
          <FieldErrorText id={errorId("name")} messages={fieldErrors.name} />
        </div>
        <div>
          <label htmlFor={`${id}-start`} className="block text-sm font-medium">
            First day
          </label>
          <Input id={`${id}-start`} type="date" value={startDate} onChange={(event) => setStartDate(event.target.value)} {...fieldProps("startDate")} />
          <FieldErrorText id={errorId("startDate")} messages={fieldErrors.startDate} />
        </div>
        <div>
          <label htmlFor={`${id}-end`} className="block text-sm font-medium">
            Last day
          </label>
          <Input id={`${id}-end`} type="date" value={endDate} onChange={(event) => setEndDate(event.target.value)} {...fieldProps("endDate")} />
          <FieldErrorText id={errorId("endDate")} messages={fieldErrors.endDate} />
        </div>
      </div>
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? "Adding…" : "Add closure"}
      </Button>
    </form>
  );
}
