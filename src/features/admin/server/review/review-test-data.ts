/** Test data for the provider review tests: providers waiting for review and their documents, written directly. */
import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import { providerDocuments } from "@/server/db/schema";
import { createProvider } from "@/test/factories";

/** The three document types migration 0012 requires of every provider. */
export const REQUIRED_FOR_ALL = ["professional-licence", "indemnity-insurance", "identity-document"] as const;

export async function documentTypeId(db: Database, key: string): Promise<string> {
  const row = await db.query.documentTypes.findFirst({ where: (t, { eq }) => eq(t.key, key) });
  if (!row) throw new Error(`no document type ${key}`);
  return row.id;
}

/** A file for one requirement, replacing (superseding) the current one as an upload does. */
export async function addDocument(
  db: Database,
  providerId: string,
  key: string,
  values: { status?: "SUBMITTED" | "APPROVED" | "REJECTED"; fileName?: string; createdAt?: Date } = {},
) {
  const typeId = await documentTypeId(db, key);
  await db.$client.query(
    "UPDATE provider_documents SET superseded_at = now() WHERE provider_id = $1 AND document_type_id = $2 AND superseded_at IS NULL",
    [providerId, typeId],
  );
  const status = values.status ?? "SUBMITTED";
  const [row] = await db
    .insert(providerDocuments)
    .values({
      providerId,
      documentTypeId: typeId,
      blobPathname: `provider-documents/${providerId}/${randomUUID()}`,
      fileName: values.fileName ?? `${key}.pdf`,
      contentType: "application/pdf",
      sizeBytes: 123_456,
      sha256: "0".repeat(64),
      status,
      reviewReason: status === "REJECTED" ? "Unreadable scan" : null,
      ...(values.createdAt ? { createdAt: values.createdAt } : {}),
    })
    .returning();
  return row!;
}

/**
 * A provider who sent their profile for review at `submittedAt`, with a file for each requirement
 * in `files` (by default every one required of all, waiting for review).
 */
export async function createSubmittedProvider(
  db: Database,
  options: {
    submittedAt: Date | null;
    name?: string;
    specialties?: { slug: string; name: string }[];
    files?: Partial<Record<string, "SUBMITTED" | "APPROVED" | "REJECTED">>;
  },
) {
  const { provider, user } = await createProvider(db, {
    user: options.name ? { name: options.name } : {},
    provider: { status: "PENDING", submittedAt: options.submittedAt, registrationNumber: "GMC-1234567" },
    specialties: options.specialties,
    services: [{ name: "First consultation", durationMinutes: 45 }],
  });
  const files = options.files ?? Object.fromEntries(REQUIRED_FOR_ALL.map((key) => [key, "SUBMITTED" as const]));
  const documents: Record<string, { id: string }> = {};
  for (const [key, status] of Object.entries(files)) documents[key] = await addDocument(db, provider.id, key, { status });
  return { provider, user, documents };
}
