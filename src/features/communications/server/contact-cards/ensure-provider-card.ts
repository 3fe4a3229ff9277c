import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import { buildProviderVCard } from "./build-provider-vcard";
import { CARD_FOLDER, providerSubject } from "./card-subjects";
import { findProviderCardSource } from "./contact-cards-repository";
import { storeCard } from "./store-card";

export interface EnsureProviderCardOptions {
  db: Database;
  providerId: string;
  /** A client of the PUBLIC store: the URL is sent to patients as WhatsApp media. */
  blob: BlobClient;
  /** The app's public origin; the card links to the provider's public page. */
  appUrl: string;
}

/**
 * The public URL of the provider's current contact card, stored under an unguessable name.
 * Uploads only when the card's content changed since the last call; the old blob is then deleted.
 */
export async function ensureProviderCard({ db, providerId, blob, appUrl }: EnsureProviderCardOptions): Promise<string> {
  const source = await findProviderCardSource(db, providerId);
  if (source === null) throw new AppError("NOT_FOUND", "We could not find this provider.");
  // Only listed providers get a public card: the card links to their public page.
  if (source.status !== "APPROVED") {
    throw new AppError("PRECONDITION_FAILED", "This provider is not listed, so their contact card is not published.", {
      reason: "PROVIDER_NOT_APPROVED",
    });
  }
  const text = buildProviderVCard({ provider: source.details, appUrl });
  const stored = await storeCard({
    db,
    blob,
    subject: providerSubject(providerId),
    access: "public",
    pathname: `${CARD_FOLDER}providers/${source.details.slug}.vcf`,
    text,
  });
  return stored.url;
}
