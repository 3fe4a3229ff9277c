import type { DbExecutor } from "@/server/db/client";
import type { ExportSummaryDto } from "../types";
import { exportPersonalData } from "./export-personal-data";

export interface GetExportSummaryOptions {
  db: DbExecutor;
  userId: string;
  now: Date;
}

/** How much the export holds, counted from the export itself so the two always agree. */
export async function getExportSummary({ db, userId, now }: GetExportSummaryOptions): Promise<ExportSummaryDto> {
  const data = await exportPersonalData({ db, userId, now });
  return {
    bookings: data.bookings.length,
    bookingEvents: data.bookingEvents.length,
    notifications: data.notifications.length,
    consentRecords: data.consentRecords.length,
    auditEntries: data.auditTrail.length,
    contactChannels: data.contactChannels.length,
    organizationMemberships: data.organizationMemberships.length,
    hasPatientProfile: data.patientProfile !== null,
    hasNotificationPreferences: data.notificationPreferences !== null,
    isProvider: data.provider !== null,
  };
}
