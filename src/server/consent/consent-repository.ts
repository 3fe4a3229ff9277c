import { and, desc, eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { consentRecords } from "@/server/db/schema";
import { CONSENT_VERSIONS, type ConsentSubject } from "./consent-versions";

export interface ConsentInput {
  /** A signed-in person; or null with a bookingId for a guest's choices on the booking form. */
  userId: string | null;
  bookingId?: string | null;
  subject: ConsentSubject;
  granted: boolean;
  /** Where it was given: "onboarding", "preferences", "booking", "account". */
  source: string;
  ipAddress: string | null;
  /** Defaults to the current version of the subject. */
  version?: string;
}

/** Appends a consent record; call it in the transaction of the change it accompanies. */
export async function recordConsent(db: DbExecutor, input: ConsentInput): Promise<void> {
  await db.insert(consentRecords).values({
    userId: input.userId,
    bookingId: input.bookingId ?? null,
    subject: input.subject,
    version: input.version ?? CONSENT_VERSIONS[input.subject],
    granted: input.granted,
    source: input.source,
    ipAddress: input.ipAddress,
  });
}

export interface ConsentRecordRow {
  subject: ConsentSubject;
  version: string;
  granted: boolean;
  source: string;
  recordedAt: Date;
  bookingId: string | null;
}

/** Every record of a person, newest first. */
export async function listConsentRecords(db: DbExecutor, userId: string): Promise<ConsentRecordRow[]> {
  return db
    .select({
      subject: consentRecords.subject,
      version: consentRecords.version,
      granted: consentRecords.granted,
      source: consentRecords.source,
      recordedAt: consentRecords.recordedAt,
      bookingId: consentRecords.bookingId,
    })
    .from(consentRecords)
    .where(eq(consentRecords.userId, userId))
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id));
}

/** The newest record of one subject, or null when the person never answered. */
export async function latestConsent(db: DbExecutor, userId: string, subject: ConsentSubject): Promise<ConsentRecordRow | null> {
  const [row] = await db
    .select({
      subject: consentRecords.subject,
      version: consentRecords.version,
      granted: consentRecords.granted,
      source: consentRecords.source,
      recordedAt: consentRecords.recordedAt,
      bookingId: consentRecords.bookingId,
    })
    .from(consentRecords)
    .where(and(eq(consentRecords.userId, userId), eq(consentRecords.subject, subject)))
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id))
    .limit(1);
  return row ?? null;
}
