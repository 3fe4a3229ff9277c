import {
  BlobAccessError,
  BlobContentTypeNotAllowedError,
  BlobError,
  BlobFileTooLargeError,
  BlobNotFoundError,
  BlobPreconditionFailedError,
  BlobServiceNotAvailable,
  BlobServiceRateLimited,
  BlobStoreNotFoundError,
  BlobStoreSuspendedError,
  BlobUnknownError,
} from "@vercel/blob";

import { AppError } from "@/lib/errors/app-error";

const vendor = "vercel-blob";

/** Maps what @vercel/blob threw to an AppError; pathnames may name patients, so none is kept. */
export function toAppError(error: unknown): AppError {
  if (error instanceof BlobNotFoundError) {
    return new AppError("NOT_FOUND", "The file does not exist.", { vendor, retryable: false });
  }
  if (error instanceof BlobServiceRateLimited) {
    return new AppError("RATE_LIMITED", "File storage is busy. Try again shortly.", {
      vendor,
      retryable: true,
      retryAfterSeconds: error.retryAfter,
    });
  }
  if (error instanceof BlobFileTooLargeError || error instanceof BlobContentTypeNotAllowedError) {
    return new AppError("VALIDATION", "The file is too large or of a type that is not allowed.", {
      vendor,
      retryable: false,
    });
  }
  // The API reports a refused overwrite only as a plain BlobError with this text.
  if (error instanceof BlobPreconditionFailedError || (error instanceof BlobError && error.message.includes("already exists"))) {
    return new AppError("CONFLICT", "A file with this name already exists.", { vendor, retryable: false });
  }
  if (error instanceof BlobAccessError || error instanceof BlobStoreNotFoundError || error instanceof BlobStoreSuspendedError) {
    return new AppError("INTEGRATION_UNAVAILABLE", "File storage rejected our credentials or store.", {
      vendor,
      reason: "misconfigured",
      retryable: false,
    });
  }
  const transient =
    error instanceof BlobServiceNotAvailable || error instanceof BlobUnknownError || !(error instanceof BlobError);
  return new AppError("INTEGRATION_UNAVAILABLE", "File storage is unavailable. Try again later.", {
    vendor,
    retryable: transient,
  });
}
