import type { Database } from "@/server/db/client";
import {
  createLocation,
  createOrganization,
  createPatient,
  createProvider,
  createWeeklyRules,
  linkProviderToOrganization,
  standardWeek,
} from "@/test/factories";

/**
 * A London practice with one provider working weekdays 09:00–12:30 in person and 14:00–17:00
 * online, three services of different lengths and buffers, and two patients.
 */
export async function createBookingWorld(
  db: Database,
  options: { requiresApproval?: boolean; cutoffMinutes?: number; patientEmail?: string } = {},
) {
  const organization = await createOrganization(db);
  const location = await createLocation(db, { organizationId: organization.id, timeZone: "Europe/London" });
  const { user: providerUser, provider, services } = await createProvider(db, {
    provider: { timeZone: "Europe/London", cancellationCutoffMinutes: options.cutoffMinutes ?? 1440 },
    services: [
      { name: "Short", durationMinutes: 30, slotStepMinutes: 15, minimumNoticeMinutes: 60, bookingHorizonDays: 60, requiresApproval: options.requiresApproval ?? false },
      { name: "Long", durationMinutes: 45, bufferBeforeMinutes: 5, bufferAfterMinutes: 10, slotStepMinutes: 15, minimumNoticeMinutes: 60, bookingHorizonDays: 60 },
      { name: "Hour", durationMinutes: 60, bufferAfterMinutes: 15, slotStepMinutes: 30, minimumNoticeMinutes: 60, bookingHorizonDays: 60 },
    ],
  });
  await linkProviderToOrganization(db, provider.id, organization.id);
  await createWeeklyRules(db, provider.id, standardWeek(location.id));
  const patient = await createPatient(db, { user: { ...(options.patientEmail && { email: options.patientEmail }), name: "Pat Example" } });
  const otherPatient = await createPatient(db);
  const other = await createProvider(db, { services: [{ name: "Other" }] });
  return {
    organization,
    location,
    provider,
    providerUser,
    services: { short: services[0]!, long: services[1]!, hour: services[2]! },
    patient: patient.user,
    otherPatient: otherPatient.user,
    otherProvider: other.provider,
    otherProviderUser: other.user,
  };
}

export type BookingWorld = Awaited<ReturnType<typeof createBookingWorld>>;

/** Monday 1 March 2027, 08:00 in London (GMT): the fixed "now" of booking tests. */
export const MONDAY_0800 = new Date("2027-03-01T08:00:00Z");
/** Tuesday 2 March 2027, 09:00 London. */
export const TUESDAY_0900 = new Date("2027-03-02T09:00:00Z");
