import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { ExportedBooking, PersonalDataExport } from "../types";
import { describeAuditActor } from "./audit-actor";
import {
  findNotificationPreferences,
  findProviderProfile,
  findUser,
  listAuditAbout,
  listBookingEvents,
  listContactChannels,
  listInvitationsTo,
  listLinkedSignIns,
  listMemberships,
  listNotificationsTo,
  listPersonConsents,
  listProviderDocuments,
  listProviderServices,
  listProviderSpecialtyNames,
  type PersonBookingRow,
} from "./person-data-repository";
import { loadPerson } from "./person-scope";

export interface ExportPersonalDataOptions {
  /** Pass a transaction for one consistent snapshot. */
  db: DbExecutor;
  userId: string;
  now: Date;
}

function toExportedBooking(row: PersonBookingRow): ExportedBooking {
  return {
    id: row.id,
    bookedAs: row.patientUserId ? "account" : "guest",
    channel: row.channel,
    status: row.status,
    provider: { name: row.providerName },
    service: {
      name: row.serviceName,
      durationMinutes: row.serviceDurationMinutes,
      currentPrice: { amountMinor: row.servicePriceMinor, currency: row.serviceCurrency },
    },
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.locationTimeZone ?? row.providerTimeZone,
    yourTimeZone: row.patientTimeZone,
    mode: row.mode,
    location: row.locationName && row.locationAddress ? { name: row.locationName, address: row.locationAddress } : null,
    contact: { name: row.guestName, email: row.guestEmail, phone: row.guestPhone },
    notes: row.notes,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    cancellation: row.cancelledAt ? { at: row.cancelledAt, by: row.cancelledBy, reason: row.cancellationReason } : null,
    attendanceConfirmedAt: row.attendanceConfirmedAt,
  };
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * Everything MedBookings holds about one person, for them to take away: their account (sign-in
 * providers by name, never tokens), profile, settings, what we know about their addresses, their
 * bookings with their events, the messages sent to them, their consent records and the audit
 * entries about them. Other people appear only by role ("provider", "platform administrator"),
 * and another patient's booking never does: bookings are selected by this person's account or
 * verified address only.
 */
export async function exportPersonalData({ db, userId, now }: ExportPersonalDataOptions): Promise<PersonalDataExport> {
  const user = await findUser(db, userId);
  if (!user) throw new AppError("NOT_FOUND", "We could not find your account. Please sign in again.");
  const person = await loadPerson(db, user);
  const { scope } = person;
  // One query at a time: `db` may be a transaction, whose single connection runs them in turn anyway.
  const signIns = await listLinkedSignIns(db, userId);
  const preferences = await findNotificationPreferences(db, userId);
  const channels = await listContactChannels(db, scope.addresses);
  const events = await listBookingEvents(db, scope.bookingIds);
  const sentMessages = await listNotificationsTo(db, scope);
  const consents = await listPersonConsents(db, scope);
  const audit = await listAuditAbout(db, scope);
  const provider = await findProviderProfile(db, userId);
  const memberships = await listMemberships(db, userId);
  const invitations = user.erasedAt ? [] : await listInvitationsTo(db, user.email);
  const providerDetails = provider
    ? { specialties: await listProviderSpecialtyNames(db, provider.id), services: await listProviderServices(db, provider.id), documents: await listProviderDocuments(db, provider.id) }
    : null;
  const ownBooking = new Set(scope.bookingIds);

  return {
    format: "medbookings-personal-data/1",
    generatedAt: now,
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerifiedAt: user.emailVerified,
      image: user.image,
      role: user.role,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      linkedSignIns: signIns.map((link) => ({ provider: link.provider, linkedAt: link.createdAt })),
    },
    patientProfile: person.profile
      ? {
          fullName: person.profile.fullName,
          phone: person.profile.phone,
          preferredLanguage: person.profile.preferredLanguage,
          timeZone: person.profile.timeZone,
          createdAt: person.profile.createdAt,
          updatedAt: person.profile.updatedAt,
        }
      : null,
    notificationPreferences: preferences
      ? {
          emailEnabled: preferences.emailEnabled,
          smsEnabled: preferences.smsEnabled,
          whatsappEnabled: preferences.whatsappEnabled,
          quietStartMinute: preferences.quietStartMinute,
          quietEndMinute: preferences.quietEndMinute,
          updatedAt: preferences.updatedAt,
        }
      : null,
    contactChannels: channels.map((row) => ({
      channel: row.channel,
      address: row.address,
      optedInAt: row.optedInAt,
      optedOutAt: row.optedOutAt,
      undeliverableSince: row.badAt,
      undeliverableReason: row.badReason,
      lastMessageFromYouAt: row.lastInboundAt,
    })),
    bookings: person.bookings.map(toExportedBooking),
    bookingEvents: events.map((event) => ({
      bookingId: event.bookingId,
      type: event.type,
      occurredAt: event.occurredAt,
      status: text(event.payload.status),
      previousStatus: text(event.payload.previousStatus),
      actor: describeAuditActor({ actorUserId: null, actorRole: text(event.payload.actorRole), actorIsAdmin: false, actorIsProvider: false }, userId),
    })),
    notifications: sentMessages.map(({ id: _id, ...message }) => message),
    consentRecords: consents,
    auditTrail: audit.map((entry) => {
      const actor = describeAuditActor(entry, userId);
      const isAboutThem = (entry.subjectType === "user" && entry.subjectId === userId) || (entry.subjectType === "booking" && ownBooking.has(entry.subjectId));
      return {
        action: entry.action,
        occurredAt: entry.occurredAt,
        subjectType: entry.subjectType,
        subjectId: isAboutThem ? entry.subjectId : null,
        actor,
        // The address and browser of an action are the actor's data: only the person's own.
        ipAddress: actor === "you" ? entry.ipAddress : null,
        userAgent: actor === "you" ? entry.userAgent : null,
      };
    }),
    provider:
      provider && providerDetails
        ? {
            displayName: provider.displayName,
            slug: provider.slug,
            bio: provider.bio,
            languages: provider.languages,
            timeZone: provider.timeZone,
            status: provider.status,
            registrationNumber: provider.registrationNumber,
            statusReason: provider.statusReason,
            submittedAt: provider.submittedAt,
            createdAt: provider.createdAt,
            ...providerDetails,
          }
        : null,
    organizationMemberships: memberships.map(({ organizationId: _id, ...membership }) => membership),
    organizationInvitations: invitations,
  };
}
