import { AppError } from "@/lib/errors/app-error";
import { formatMegabytes } from "../../document-files";
import type { DocumentTypeDto } from "../../types";
import type { DocumentOwner, ProviderStatus } from "./documents-repository";

const CLOSED_MESSAGES: Record<Exclude<ProviderStatus, "PENDING">, string> = {
  APPROVED:
    "Your provider profile is already approved, so its verification documents can no longer be changed here. Contact support if a document needs updating.",
  SUSPENDED: "Your provider profile is suspended, so documents cannot be uploaded. Please contact support.",
  REJECTED: "Your provider profile was not approved, so documents cannot be uploaded. Please contact support if you think this is a mistake.",
};

export const NOT_OWN_PROFILE_MESSAGE = "You can upload documents only to your own provider profile.";

/** Documents are sent while the profile is PENDING (before and during review), never after a decision. */
export function assertAcceptsDocuments(provider: DocumentOwner): void {
  if (provider.status !== "PENDING") throw new AppError("FORBIDDEN", CLOSED_MESSAGES[provider.status]);
}

/** A providerId field, when sent, must name the uploader's own profile. */
export function assertOwnProfile(provider: DocumentOwner, providerId: string | undefined): void {
  if (providerId !== undefined && providerId !== provider.id) {
    throw new AppError("FORBIDDEN", NOT_OWN_PROFILE_MESSAGE, { fieldErrors: { providerId: [NOT_OWN_PROFILE_MESSAGE] } });
  }
}

type UploadField = "documentTypeId" | "file" | "providerId";

/** A refusal naming the form field at fault; `httpStatus` is the upload route's answer (400 unless said). */
export function uploadFieldError(field: UploadField, message: string, httpStatus = 400): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] }, httpStatus });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The requirement an upload answers: one of the provider's own, named by id. */
export function requiredTypeFor(requiredTypes: readonly DocumentTypeDto[], documentTypeId: string | undefined): DocumentTypeDto {
  if (documentTypeId === undefined || documentTypeId.trim() === "") {
    throw uploadFieldError("documentTypeId", "Choose which document this file is for.");
  }
  const type = UUID.test(documentTypeId) ? requiredTypes.find((candidate) => candidate.id === documentTypeId.toLowerCase()) : undefined;
  if (type === undefined) {
    throw uploadFieldError("documentTypeId", "This is not one of the documents your profile needs. Reload the page and choose a document from the list.");
  }
  return type;
}

/** 413 naming the limit: the type's when known, else the largest of the provider's requirements. */
export function fileTooLargeError(type: DocumentTypeDto | null, largestMaxBytes: number): AppError {
  const message =
    type === null
      ? `The file is too large: documents may be at most ${formatMegabytes(largestMaxBytes)}. Choose a smaller file, for example a PDF or a photo at a lower resolution.`
      : `The file is too large: the ${type.name.toLowerCase()} may be at most ${formatMegabytes(type.maxBytes)}. Choose a smaller file, for example a PDF or a photo at a lower resolution.`;
  return uploadFieldError("file", message, 413);
}
