"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { addDays, localDateOf } from "@/lib/time";
import { useProviderBookings } from "../hooks/use-provider-bookings";
import { ProviderProfileGate } from "./provider-profile-gate";
import { ProviderBookingRow } from "./provider-bookings-list";
import { startOfLocalDay } from "./provider-booking-display";

/** Pending requests and today's bookings, both in the provider's zone. */
export function ProviderDashboard() {
  return (
    <ProviderProfileGate loadingLabel="Loading your dashboard…">{(profile) => <Dashboard timeZone={profile.timeZone} status={profile.status} />}</ProviderProfileGate>
  );
}

function Dashboard({ timeZone, status }: { timeZone: string; status: string }) {
  const now = new Date();
  const today = localDateOf(now, timeZone);
  const pending = useProviderBookings({ from: startOfLocalDay(timeZone, today), to: startOfLocalDay(timeZone, addDays(today, 365)), statuses: ["PENDING"], pageSize: 1 });
  const todays = useProviderBookings({
    from: startOfLocalDay(timeZone, today),
    to: startOfLocalDay(timeZone, addDays(today, 1)),
    statuses: ["PENDING", "CONFIRMED", "COMPLETED", "NO_SHOW"],
    pageSize: 100,
  });
  return (
    <div className="space-y-6">
      {status !== "APPROVED" ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Your profile is {status.toLowerCase()}; patients cannot find you in the directory until it is approved.
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <dl>
            <dt className="text-sm text-slate-600">Requests awaiting your approval</dt>
            <dd className="text-3xl font-semibold" data-testid="pending-requests-count">
              {pending.isError ? "–" : (pending.data?.total ?? "…")}
            </dd>
          </dl>
          <Link href="/provider/bookings" className="text-sm text-brand-700 underline">
            Review requests
          </Link>
        </Card>
        <Card>
          <dl>
            <dt className="text-sm text-slate-600">Bookings today</dt>
            <dd className="text-3xl font-semibold">{todays.isError ? "–" : (todays.data?.total ?? "…")}</dd>
          </dl>
          <Link href="/provider/calendar" className="text-sm text-brand-700 underline">
            Open the week calendar
          </Link>
        </Card>
        <Card className="space-y-1 text-sm">
          <p className="text-slate-600">Manage</p>
          <p>
            <Link href="/provider/schedule" className="text-brand-700 underline">
              Weekly hours and time off
            </Link>
          </p>
          <p>
            <Link href="/provider/services" className="text-brand-700 underline">
              Services
            </Link>
          </p>
          <p>
            <Link href="/provider/settings" className="text-brand-700 underline">
              Time zone and cancellation cutoff
            </Link>
          </p>
        </Card>
      </div>
      {pending.isError || todays.isError ? (
        <p role="alert" className="text-red-700">
          We could not load your bookings: {(pending.error ?? todays.error)?.message}
        </p>
      ) : null}
      <section aria-labelledby="today-heading" className="space-y-3">
        <h2 id="today-heading" className="text-xl font-semibold">
          Today ({timeZone.replaceAll("_", " ")})
        </h2>
        {todays.isPending ? <p role="status">Loading today&apos;s bookings…</p> : null}
        {todays.data && todays.data.items.length === 0 ? <p className="text-sm text-slate-600">No bookings today.</p> : null}
        <ul className="space-y-3" aria-label="Today's bookings">
          {todays.data?.items.map((booking) => (
            <ProviderBookingRow key={booking.id} booking={booking} timeZone={timeZone} now={now} />
          ))}
        </ul>
      </section>
    </div>
  );
}
