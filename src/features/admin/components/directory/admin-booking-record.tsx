"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { readFormError } from "@/lib/errors/read-form-error";
import type { AdminBookingRecord as BookingRecord } from "../../directory-types";
import { useAdminBookingRecord } from "../../hooks/use-admin-directory";
import { Cell, Fact, Facts, ResultsTable, When } from "./admin-ui";
import { BOOKING_STATUS_LABEL, ERASED_PATIENT } from "./directory-labels";
import { NotificationRows, NOTIFICATION_COLUMNS } from "./notification-rows";

/** /admin/bookings/[bookingId]: the full record. Opening it is recorded in the audit trail. */
export function AdminBookingRecord({ bookingId }: { bookingId: string }) {
  const record = useAdminBookingRecord(bookingId);
  if (record.isError) {
    const { appCode, message } = readFormError(record.error);
    return (
      <p role="alert" className="text-red-700">
        {appCode === "NOT_FOUND" ? "No booking has this id. Find it by the patient's name or email on the Find page." : message}
      </p>
    );
  }
  if (!record.data) return <p role="status">Loading the booking…</p>;
  return <BookingRecordView record={record.data} />;
}

function PatientFacts({ record }: { record: BookingRecord }) {
  const { patient } = record;
  switch (patient.kind) {
    case "ERASED":
      return (
        <Fact term="Patient">
          {patient.userId ? (
            <Link className="text-brand-700 underline" href={`/admin/patients/${patient.userId}`}>
              {ERASED_PATIENT}
            </Link>
          ) : (
            ERASED_PATIENT
          )}{" "}
          (their personal data was erased)
        </Fact>
      );
    case "NONE":
      return <Fact term="Patient">None yet: this is a hold</Fact>;
    case "ACCOUNT":
    case "GUEST":
      return (
        <>
          <Fact term="Patient">
            {patient.kind === "ACCOUNT" ? (
              <Link className="text-brand-700 underline" href={`/admin/patients/${patient.userId}`}>
                {patient.name}
              </Link>
            ) : (
              `${patient.name} (guest, no account)`
            )}
          </Fact>
          <Fact term="Email">{patient.email ?? "—"}</Fact>
          <Fact term="Phone">{patient.phone ?? "—"}</Fact>
        </>
      );
  }
}

function BookingRecordView({ record }: { record: BookingRecord }) {
  const zone = record.provider.timeZone;
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">Opening this record was recorded in the audit trail. Times are in the provider&apos;s time zone, {zone}.</p>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Appointment</h2>
        <Facts>
          <Fact term="Booking id">
            <code>{record.id}</code>
          </Fact>
          <Fact term="Status">{BOOKING_STATUS_LABEL[record.status]}</Fact>
          <Fact term="Starts">
            <When date={record.startsAt} timeZone={zone} />
          </Fact>
          <Fact term="Ends">
            <When date={record.endsAt} timeZone={zone} />
          </Fact>
          {record.patientTimeZone && record.patientTimeZone !== zone ? (
            <Fact term="Starts for the patient">
              <When date={record.startsAt} timeZone={record.patientTimeZone} />
            </Fact>
          ) : null}
          <Fact term="Provider">
            <Link className="text-brand-700 underline" href={`/admin/providers/${record.provider.id}`}>
              {record.provider.name}
            </Link>
          </Fact>
          <Fact term="Service">
            {record.service.name} ({record.service.durationMinutes} minutes)
          </Fact>
          <Fact term="Where">{record.location ? `${record.location.name}, ${record.location.address}` : "Online"}</Fact>
          <Fact term="Booked">
            {record.channel === "PHONE" ? `By phone, taken by ${record.bookedBy?.name ?? "a staff member"}` : "Online"} on <When date={record.createdAt} timeZone={zone} />
          </Fact>
          {record.confirmedAt ? (
            <Fact term="Confirmed">
              <When date={record.confirmedAt} timeZone={zone} />
            </Fact>
          ) : null}
          {record.cancelledAt ? (
            <Fact term="Cancelled">
              <When date={record.cancelledAt} timeZone={zone} />
              {record.cancelledBy ? ` by the ${record.cancelledBy.toLowerCase()}` : ""}
              {record.cancellationReason ? `: ${record.cancellationReason}` : ""}
            </Fact>
          ) : null}
          {record.attendanceConfirmedAt ? (
            <Fact term="Attendance confirmed">
              <When date={record.attendanceConfirmedAt} timeZone={zone} />
            </Fact>
          ) : null}
        </Facts>
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Patient</h2>
        <Facts>
          <PatientFacts record={record} />
          {record.contactTakenByStaff ? <Fact term="Contact details">Taken on the phone by staff (not verified by a code)</Fact> : null}
          <Fact term="Notes">{record.notes === null ? "Erased" : record.notes === "" ? "None" : <span className="whitespace-pre-line">{record.notes}</span>}</Fact>
        </Facts>
      </Card>
      <section aria-labelledby="booking-history-heading" className="space-y-2">
        <h2 id="booking-history-heading" className="text-lg font-semibold">
          Status history
        </h2>
        {record.history.length === 0 ? (
          <p>No status changes were recorded.</p>
        ) : (
          <ResultsTable caption={`Status changes, oldest first (times in ${zone})`} columns={["When", "Change", "From", "To", "By"]}>
            {record.history.map((entry, index) => (
              <tr key={index}>
                <Cell>
                  <When date={entry.occurredAt} timeZone={zone} />
                </Cell>
                <Cell>
                  <code>{entry.action}</code>
                </Cell>
                <Cell>{entry.from ?? "—"}</Cell>
                <Cell>{entry.to ?? "—"}</Cell>
                <Cell>{entry.actorRole?.toLowerCase() ?? "—"}</Cell>
              </tr>
            ))}
          </ResultsTable>
        )}
      </section>
      <section aria-labelledby="booking-notifications-heading" className="space-y-2">
        <h2 id="booking-notifications-heading" className="text-lg font-semibold">
          Notifications
        </h2>
        {record.notifications.length === 0 ? (
          <p>No notifications were made about this booking.</p>
        ) : (
          <ResultsTable caption={`Notifications about this booking, oldest first (times in ${zone}; addresses masked)`} columns={NOTIFICATION_COLUMNS}>
            <NotificationRows rows={record.notifications} timeZone={zone} />
          </ResultsTable>
        )}
      </section>
    </div>
  );
}
