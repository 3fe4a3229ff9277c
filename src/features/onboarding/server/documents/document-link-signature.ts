import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env";

/** A viewing link works this long: long enough to open, too short to be worth forwarding. */
export const DOCUMENT_LINK_SECONDS = 5 * 60;

const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const EXPIRES_PATTERN = /^[0-9]{1,12}$/;

export interface DocumentLinkClaims {
  documentId: string;
  /** The user the link was made for: nobody else's session can open it. */
  viewerUserId: string;
  /** Unix seconds. */
  expires: number;
}

// HMAC under the app secret with its own purpose prefix (as the manage and contact-card links),
// so nothing is stored per link and a signature made for another purpose never matches.
function sign({ documentId, viewerUserId, expires }: DocumentLinkClaims): string {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`provider-document:view:${documentId}:${viewerUserId}:${expires}`).digest("base64url");
}

/** The path (on the app's own origin) that serves the document to `viewerUserId` until `expires`. */
export function documentLinkPath(claims: DocumentLinkClaims): string {
  const query = new URLSearchParams({ expires: String(claims.expires), signature: sign(claims) });
  return `/api/provider-documents/${encodeURIComponent(claims.documentId)}?${query.toString()}`;
}

export type DocumentLinkCheck = "valid" | "expired" | "invalid";

/** Checks a link's query values, as received (possibly absent or malformed), for the viewer opening it. */
export function checkDocumentLink(options: {
  documentId: string;
  viewerUserId: string;
  expires: string | null;
  signature: string | null;
  now: Date;
}): DocumentLinkCheck {
  const { documentId, viewerUserId, expires, signature, now } = options;
  if (expires === null || signature === null || !EXPIRES_PATTERN.test(expires) || !SIGNATURE_PATTERN.test(signature)) return "invalid";
  const expected = Buffer.from(sign({ documentId, viewerUserId, expires: Number(expires) }));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  // After the signature, so a forged link is never told it merely expired.
  return Math.floor(now.getTime() / 1000) > Number(expires) ? "expired" : "valid";
}
