"use client";

import { useId } from "react";
import { CHANNEL_LABEL, STATUS_LABEL } from "@/features/communications";
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES, notificationLogInput, type NotificationLogInput } from "../../audit-schemas";
import { useNotificationLog } from "../../hooks/use-audit-trail";
import { LoadMore, mergeErrors, QueryStatus, ResultsTable, SearchForm, SelectField, serverFieldErrors, TextField, utcDateToInstant } from "../directory/admin-ui";
import { useFilterForm } from "../directory/use-filter-form";
import { NOTIFICATION_COLUMNS, NotificationRows } from "../directory/notification-rows";

const ADMIN_TIME_ZONE = "UTC";

const EMPTY_FORM = { purpose: "", channel: "", status: "", bookingId: "", recipientAddress: "", from: "", to: "" };

/** /admin/notifications: every notification the platform made, newest first. Addresses masked; times in UTC. */
export function NotificationLog() {
  const id = useId();
  const { form, filters, errors, set, submit, reset } = useFilterForm({
    empty: EMPTY_FORM,
    initial: {} as Omit<NotificationLogInput, "cursor">,
    toFilters: (values) => ({
      purpose: values.purpose,
      channel: (values.channel || undefined) as NotificationLogInput["channel"],
      status: (values.status || undefined) as NotificationLogInput["status"],
      bookingId: values.bookingId.trim() || undefined,
      recipientAddress: values.recipientAddress,
      from: utcDateToInstant(values.from),
      to: utcDateToInstant(values.to, { inclusiveEnd: true }),
    }),
    schema: notificationLogInput,
  });
  const log = useNotificationLog(filters);
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];

  const fieldErrors = mergeErrors(errors, serverFieldErrors(log.error));
  return (
    <div className="space-y-4">
      <SearchForm
        label="Filter the notification log"
        submitLabel="Apply filters"
        onSubmit={submit}
        onReset={reset}
      >
        <TextField id={`${id}-purpose`} name="purpose" label="Purpose" hint="Exact, e.g. booking.reminder." value={form.purpose} onChange={set("purpose")} errors={fieldErrors} />
        <SelectField
          id={`${id}-channel`}
          name="channel"
          label="Channel"
          value={form.channel}
          onChange={set("channel")}
          errors={fieldErrors}
          options={[{ value: "", label: "Any" }, ...NOTIFICATION_CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABEL[channel] }))]}
        />
        <SelectField
          id={`${id}-status`}
          name="status"
          label="Status"
          value={form.status}
          onChange={set("status")}
          errors={fieldErrors}
          options={[{ value: "", label: "Any" }, ...NOTIFICATION_STATUSES.map((status) => ({ value: status, label: STATUS_LABEL[status] }))]}
        />
        <TextField id={`${id}-booking`} name="bookingId" label="Booking id" value={form.bookingId} onChange={set("bookingId")} errors={fieldErrors} />
        <TextField
          id={`${id}-address`}
          name="recipientAddress"
          label="Recipient address"
          hint="The whole email address, or the phone number with its country code (+44…)."
          value={form.recipientAddress}
          onChange={set("recipientAddress")}
          errors={fieldErrors}
        />
        <TextField id={`${id}-from`} name="from" label="Created from (UTC date)" type="date" value={form.from} onChange={set("from")} errors={fieldErrors} />
        <TextField id={`${id}-to`} name="to" label="Created to (UTC date, included)" type="date" value={form.to} onChange={set("to")} errors={fieldErrors} />
      </SearchForm>
      <QueryStatus query={log} shown={log.data ? rows.length : null} noun={{ one: "notification", many: "notifications" }} />
      {rows.length > 0 ? (
        <ResultsTable caption="Notifications, newest first. Times are in UTC; addresses are masked." columns={NOTIFICATION_COLUMNS}>
          <NotificationRows rows={rows} timeZone={ADMIN_TIME_ZONE} />
        </ResultsTable>
      ) : null}
      <LoadMore query={log} label="notifications" />
    </div>
  );
}
