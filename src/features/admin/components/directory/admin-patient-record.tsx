"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { readFormError } from "@/lib/errors/read-form-error";
import type { AdminPatientRecord as PatientRecord } from "../../directory-types";
import { useAdminPatientRecord } from "../../hooks/use-admin-directory";
import { Cell, Fact, Facts, ResultsTable, When } from "./admin-ui";
import { BOOKING_STATUS_LABEL, ERASED_PATIENT, minuteLabel } from "./directory-labels";
import { NotificationRows, NOTIFICATION_COLUMNS } from "./notification-rows";

const ADMIN_TIME_ZONE = "UTC";

/** /admin/patients/[userId]: a signed-in patient's record. Opening it is recorded in the audit trail. */
export function AdminPatientRecord({ userId }: { userId: string }) {
  const record = useAdminPatientRecord(userId);
  if (record.isError) {
    const { appCode, message } = readFormError(record.error);
    return (
      <p role="alert" className="text-red-700">
        {appCode === "NOT_FOUND" ? "No patient has this id. Find the patient by name, email or phone on the Find page." : message}
      </p>
    );
  }
  if (!record.data) return <p role="status">Loading the patient&apos;s record…</p>;
  return <PatientRecordView record={record.data} />;
}

function PatientRecordView({ record }: { record: PatientRecord }) {
  // Account times in UTC; each booking in its provider's zone.
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">Opening this record was recorded in the audit trail.</p>
      {record.kind === "ERASED" ? (
        <Card className="space-y-2">
          <h2 className="text-lg font-semibold">{ERASED_PATIENT}</h2>
          <p className="text-sm">
            This person&apos;s personal data was erased on <When date={record.erasedAt} timeZone={ADMIN_TIME_ZONE} />. Their bookings are kept
            without it.
          </p>
          <Facts>
            <Fact term="User id">
              <code>{record.userId}</code>
            </Fact>
          </Facts>
        </Card>
      ) : (
        <>
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">Account</h2>
            <Facts>
              <Fact term="Name">{record.user.name ?? "—"}</Fact>
              <Fact term="Email">
                {record.user.email}
                {record.user.emailVerified ? " (verified)" : " (not verified)"}
              </Fact>
              <Fact term="User id">
                <code>{record.user.id}</code>
              </Fact>
              <Fact term="Joined">
                <When date={record.user.createdAt} timeZone={ADMIN_TIME_ZONE} />
              </Fact>
            </Facts>
          </Card>
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">Patient profile</h2>
            {record.profile ? (
              <Facts>
                <Fact term="Full name">{record.profile.fullName}</Fact>
                <Fact term="Phone">{record.profile.phone ?? "—"}</Fact>
                <Fact term="Language">{record.profile.preferredLanguage}</Fact>
                <Fact term="Time zone">{record.profile.timeZone}</Fact>
              </Facts>
            ) : (
              <p className="text-sm">No patient profile: this person has booked without filling one in.</p>
            )}
          </Card>
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">Message preferences</h2>
            {record.preferences ? (
              <Facts>
                <Fact term="Email">{record.preferences.emailEnabled ? "On" : "Off"}</Fact>
                <Fact term="WhatsApp">{record.preferences.whatsappEnabled ? "On" : "Off"}</Fact>
                <Fact term="SMS">{record.preferences.smsEnabled ? "On" : "Off"}</Fact>
                <Fact term="Quiet hours">
                  {record.preferences.quietStartMinute !== null && record.preferences.quietEndMinute !== null
                    ? `${minuteLabel(record.preferences.quietStartMinute)} to ${minuteLabel(record.preferences.quietEndMinute)} (${record.profile?.timeZone ?? "their time zone"})`
                    : "None"}
                </Fact>
              </Facts>
            ) : (
              <p className="text-sm">Never changed: the defaults apply (email on, WhatsApp and SMS off, no quiet hours).</p>
            )}
          </Card>
        </>
      )}
      <section aria-labelledby="patient-bookings-heading" className="space-y-2">
        <h2 id="patient-bookings-heading" className="text-lg font-semibold">
          Bookings
        </h2>
        {record.bookings.length === 0 ? (
          <p>No bookings.</p>
        ) : (
          <ResultsTable
            caption={`${record.bookingCount} booking${record.bookingCount === 1 ? "" : "s"}${record.bookingCount > record.bookings.length ? `, the latest ${record.bookings.length} shown` : ""}; latest start first, in each provider's time zone`}
            columns={["Starts", "Status", "Provider", "Service", "Record"]}
          >
            {record.bookings.map((booking) => (
              <tr key={booking.id}>
                <Cell>
                  <When date={booking.startsAt} timeZone={booking.providerTimeZone} />
                </Cell>
                <Cell>{BOOKING_STATUS_LABEL[booking.status]}</Cell>
                <Cell>{booking.providerName}</Cell>
                <Cell>{booking.serviceName}</Cell>
                <Cell>
                  <Link className="text-brand-700 underline" href={`/admin/bookings/${booking.id}`}>
                    Open record
                    <span className="sr-only">
                      {" "}
                      of the booking with {booking.providerName} on <When date={booking.startsAt} timeZone={booking.providerTimeZone} />
                    </span>
                  </Link>
                </Cell>
              </tr>
            ))}
          </ResultsTable>
        )}
      </section>
      <section aria-labelledby="patient-notifications-heading" className="space-y-2">
        <h2 id="patient-notifications-heading" className="text-lg font-semibold">
          Notifications
        </h2>
        {record.notifications.length === 0 ? (
          <p>No notifications were sent to this patient.</p>
        ) : (
          <ResultsTable
            caption={`${record.notificationCount} notification${record.notificationCount === 1 ? "" : "s"}${record.notificationCount > record.notifications.length ? `, the latest ${record.notifications.length} shown` : ""}; newest first, times in UTC, addresses masked`}
            columns={NOTIFICATION_COLUMNS}
          >
            <NotificationRows rows={record.notifications} timeZone={ADMIN_TIME_ZONE} />
          </ResultsTable>
        )}
      </section>
    </div>
  );
}
