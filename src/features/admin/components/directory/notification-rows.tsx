"use client";

import Link from "next/link";
import { CHANNEL_LABEL, purposeLabel, STATUS_LABEL } from "@/features/communications";
import type { AdminNotificationRow, RecipientValue } from "../../directory-types";
import { Cell, When } from "./admin-ui";

const RECIPIENT_LABEL: Record<RecipientValue, string> = { PATIENT: "Patient", PROVIDER: "Provider", INVITEE: "Invitee" };

export const NOTIFICATION_COLUMNS = ["Created", "Message", "Channel", "To", "Status", "Attempts", "Problem", "Sent", "Delivered", "Booking"] as const;

/** Notification rows for an admin table (columns as NOTIFICATION_COLUMNS), times in `timeZone`. */
export function NotificationRows({ rows, timeZone }: { rows: AdminNotificationRow[]; timeZone: string }) {
  return (
    <>
      {rows.map((row) => (
        <tr key={row.id}>
          <Cell>
            <When date={row.createdAt} timeZone={timeZone} />
          </Cell>
          <Cell>
            {purposeLabel(row.purpose)}
            <code className="block text-xs text-slate-600">{row.purpose}</code>
          </Cell>
          <Cell>
            {CHANNEL_LABEL[row.channel]}
            {row.isFallback ? <span className="block text-xs text-slate-600">fallback</span> : null}
          </Cell>
          <Cell>
            {RECIPIENT_LABEL[row.recipient]}
            <span className="block text-slate-600">{row.maskedAddress ?? "Erased"}</span>
          </Cell>
          <Cell>{STATUS_LABEL[row.status]}</Cell>
          <Cell>{row.attempts}</Cell>
          <Cell>{row.error ?? row.skipReason ?? "—"}</Cell>
          <Cell>
            <When date={row.sentAt} timeZone={timeZone} />
          </Cell>
          <Cell>
            <When date={row.deliveredAt ?? row.readAt} timeZone={timeZone} />
          </Cell>
          <Cell>
            {row.bookingId ? (
              <Link className="text-brand-700 underline" href={`/admin/bookings/${row.bookingId}`}>
                <span className="sr-only">Booking </span>
                <code>{row.bookingId.slice(0, 8)}</code>
              </Link>
            ) : (
              "—"
            )}
          </Cell>
        </tr>
      ))}
    </>
  );
}
