"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useDeadLetters, useRetryDeadLetter } from "../hooks/use-notification-log";
import { BookingMessages } from "./booking-messages";
import { CHANNEL_LABEL, formatLogTime, purposeLabel } from "./notification-labels";

/** Messages whose retries ran out: admins see why and can send them again. Times in UTC, named. */
export function DeadLetters() {
  const dead = useDeadLetters();
  const retry = useRetryDeadLetter();
  return (
    <section aria-labelledby="dead-letters-heading" className="space-y-3">
      <h2 id="dead-letters-heading" className="text-xl font-semibold">
        Messages that could not be sent
      </h2>
      {dead.isError ? <p role="alert">{dead.error.message}</p> : null}
      {dead.isPending ? <p>Loading…</p> : null}
      {dead.data ? (
        <p>
          {dead.data.total === 0
            ? "None: every message was delivered to the vendors or is still being retried."
            : `${dead.data.total} message${dead.data.total === 1 ? "" : "s"} gave up after repeated vendor failures.`}
        </p>
      ) : null}
      {retry.isError ? <p role="alert">{retry.error.message}</p> : null}
      <ul className="space-y-2">
        {dead.data?.items.map((item) => (
          <li key={item.id}>
            <Card className="flex flex-wrap items-center justify-between gap-3">
              <div className="text-sm">
                <p className="font-medium">
                  {purposeLabel(item.purpose)} · {item.recipient === "PATIENT" ? "patient" : item.recipient === "INVITEE" ? "invitee" : "provider"} · {CHANNEL_LABEL[item.channel]}
                </p>
                <p className="text-slate-600">
                  {item.attempts} attempts, last {formatLogTime(item.updatedAt, "UTC")}
                  {item.error ? ` · ${item.error}` : ""}
                </p>
              </div>
              <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ notificationId: item.id })}>
                Send again<span className="sr-only">: {purposeLabel(item.purpose)} by {CHANNEL_LABEL[item.channel]}</span>
              </Button>
              {item.bookingId ? (
                <div className="w-full">
                  <BookingMessages bookingId={item.bookingId} timeZone="UTC" viewer="admin" />
                </div>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
