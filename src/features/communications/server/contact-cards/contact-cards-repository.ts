import { and, asc, eq, inArray, like, lt, or, sql } from "drizzle-orm";
import { isErasedEmail } from "@/lib/erased-person";
import type { DbExecutor } from "@/server/db/client";
import {
  bookings,
  locations,
  organizations,
  patientProfiles,
  providerOrganizations,
  providerSpecialties,
  providerTypes,
  providers,
  storedContactCards,
  users,
} from "@/server/db/schema";
import type { PatientCardDetails } from "./build-patient-vcard";
import type { ProviderCardDetails } from "./build-provider-vcard";
import { PATIENT_SUBJECT_PREFIX } from "./card-subjects";

export type StoredCardRow = typeof storedContactCards.$inferSelect;
export type CardAccess = StoredCardRow["access"];

/** Serialises replacing and deleting one subject's card, so two writers cannot orphan a blob. */
export async function lockCardSubject(db: DbExecutor, subject: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${subject}, 45))`);
}

export async function findStoredCard(db: DbExecutor, subject: string): Promise<StoredCardRow | null> {
  const [row] = await db.select().from(storedContactCards).where(eq(storedContactCards.subject, subject));
  return row ?? null;
}

export async function saveStoredCard(
  db: DbExecutor,
  values: { subject: string; access: CardAccess; url: string; pathname: string; contentHash: string },
): Promise<void> {
  await db
    .insert(storedContactCards)
    .values(values)
    .onConflictDoUpdate({
      target: storedContactCards.subject,
      set: { access: values.access, url: values.url, pathname: values.pathname, contentHash: values.contentHash },
    });
}

export async function deleteStoredCard(db: DbExecutor, subject: string): Promise<void> {
  await db.delete(storedContactCards).where(eq(storedContactCards.subject, subject));
}

/** Of these pathnames in one store, the ones a card row still points at. */
export async function findReferencedPathnames(db: DbExecutor, access: CardAccess, pathnames: string[]): Promise<Set<string>> {
  if (pathnames.length === 0) return new Set();
  const rows = await db
    .select({ pathname: storedContactCards.pathname })
    .from(storedContactCards)
    .where(and(eq(storedContactCards.access, access), inArray(storedContactCards.pathname, pathnames)));
  return new Set(rows.map((row) => row.pathname));
}

export interface ProviderCardSource {
  status: (typeof providers.$inferSelect)["status"];
  details: ProviderCardDetails;
}

/** The provider with specialties and the sites of the practices they are active in (as on their public page). */
export async function findProviderCardSource(db: DbExecutor, providerId: string): Promise<ProviderCardSource | null> {
  const [provider] = await db
    .select({ id: providers.id, slug: providers.slug, displayName: providers.displayName, status: providers.status })
    .from(providers)
    .where(eq(providers.id, providerId));
  if (!provider) return null;
  const [specialtyRows, practiceRows] = await Promise.all([
    db
      .select({ name: providerTypes.name })
      .from(providerSpecialties)
      .innerJoin(providerTypes, eq(providerTypes.id, providerSpecialties.providerTypeId))
      .where(eq(providerSpecialties.providerId, providerId))
      .orderBy(asc(providerTypes.name)),
    db
      .select({
        organizationId: organizations.id,
        organizationName: organizations.name,
        locationName: locations.name,
        formattedAddress: locations.formattedAddress,
      })
      .from(providerOrganizations)
      .innerJoin(organizations, eq(organizations.id, providerOrganizations.organizationId))
      .leftJoin(locations, eq(locations.organizationId, organizations.id))
      .where(and(eq(providerOrganizations.providerId, providerId), eq(providerOrganizations.status, "ACTIVE")))
      .orderBy(asc(organizations.name), asc(organizations.id), asc(locations.name), asc(locations.id)),
  ]);
  const practices = new Map<string, ProviderCardDetails["practices"][number]>();
  for (const row of practiceRows) {
    const practice = practices.get(row.organizationId) ?? { organizationName: row.organizationName, locations: [] };
    if (row.locationName !== null && row.formattedAddress !== null) {
      practice.locations.push({ name: row.locationName, formattedAddress: row.formattedAddress });
    }
    practices.set(row.organizationId, practice);
  }
  return {
    status: provider.status,
    details: {
      id: provider.id,
      slug: provider.slug,
      displayName: provider.displayName,
      specialties: specialtyRows.map((row) => row.name),
      practices: [...practices.values()],
    },
  };
}

export interface PatientCardSource {
  bookingId: string;
  providerUserId: string;
  status: (typeof bookings.$inferSelect)["status"];
  endsAt: Date;
  /** Null while the booking is only a hold (no patient yet). */
  patient: PatientCardDetails | null;
}

/** A booking's patient as its provider sees them: the guest's details, else the account's. */
export async function findPatientCardSource(db: DbExecutor, bookingId: string): Promise<PatientCardSource | null> {
  const [row] = await db
    .select({
      bookingId: bookings.id,
      providerUserId: providers.userId,
      status: bookings.status,
      endsAt: bookings.endsAt,
      patientUserId: bookings.patientUserId,
      guestName: bookings.guestName,
      guestEmail: bookings.guestEmail,
      guestPhone: bookings.guestPhone,
      userName: users.name,
      userEmail: users.email,
      profileName: patientProfiles.fullName,
      profilePhone: patientProfiles.phone,
    })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .leftJoin(users, eq(users.id, bookings.patientUserId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
    .where(eq(bookings.id, bookingId));
  if (!row) return null;
  const name = row.guestName ?? row.profileName ?? row.userName;
  // A patient who erased their data left only placeholders: there is nobody to make a card of.
  const isErased = isErasedEmail(row.guestEmail ?? row.userEmail);
  return {
    bookingId: row.bookingId,
    providerUserId: row.providerUserId,
    status: row.status,
    endsAt: row.endsAt,
    patient:
      name === null || isErased
        ? null
        : {
            userId: row.patientUserId,
            name,
            email: row.guestEmail ?? row.userEmail,
            phone: row.guestPhone ?? row.profilePhone,
          },
  };
}

/**
 * Subjects of patient cards no longer needed: the booking is gone, was cancelled or declined,
 * never became a booking, or ended before `endedBefore`. The rule mirrors isPatientCardKept.
 */
export async function findExpiredPatientCardSubjects(db: DbExecutor, endedBefore: Date): Promise<string[]> {
  const rows = await db
    .select({ subject: storedContactCards.subject })
    .from(storedContactCards)
    .leftJoin(bookings, sql`${storedContactCards.subject} = ${PATIENT_SUBJECT_PREFIX}::text || ${bookings.id}::text`)
    .where(
      and(
        like(storedContactCards.subject, `${PATIENT_SUBJECT_PREFIX}%`),
        or(
          sql`${bookings.id} IS NULL`,
          inArray(bookings.status, ["CANCELLED", "DECLINED", "HELD", "EXPIRED"]),
          lt(bookings.endsAt, endedBefore),
        ),
      ),
    )
    .orderBy(asc(storedContactCards.subject));
  return rows.map((row) => row.subject);
}
