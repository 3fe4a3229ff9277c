import { AppError } from "@/lib/errors/app-error";
import type { BlobClient } from "@/server/integrations/blob/client";

/**
 * Verification documents (identity documents, licences) live only in the private store: a
 * public store's URLs are readable by anyone who has them. A misconfigured client is refused
 * before anything is written or read.
 */
export function assertPrivateStore(blob: BlobClient): void {
  if (blob.access !== "private") {
    throw new AppError("INTERNAL", "Documents cannot be stored or shown right now: file storage is not set up for private files. Please contact support.", {
      reason: "blob store is not private",
      retryable: false,
    });
  }
}
