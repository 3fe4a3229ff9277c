export type DocumentStatus = "SUBMITTED" | "APPROVED" | "REJECTED";

export interface DocumentTypeDto {
  id: string;
  key: string;
  name: string;
  description: string;
  /** Detected from the bytes: application/pdf, image/png, image/jpeg. */
  acceptedContentTypes: string[];
  maxBytes: number;
}

export interface ProviderDocumentDto {
  id: string;
  documentTypeId: string;
  /** The uploaded name, cleaned, for display only. */
  fileName: string;
  contentType: string;
  sizeBytes: number;
  status: DocumentStatus;
  /** Why it was rejected (shown to the provider); null otherwise. */
  reviewReason: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  /** Set when a newer file replaced it. */
  supersededAt: Date | null;
}

/** One document the provider must send, the file that currently answers it, and earlier ones. */
export interface DocumentRequirementDto {
  documentType: DocumentTypeDto;
  current: ProviderDocumentDto | null;
  /** Replaced files, newest first (kept for the review history). */
  history: ProviderDocumentDto[];
}

export interface RequirementsSummary {
  total: number;
  approved: number;
  /** Uploaded and waiting for an admin. */
  submitted: number;
  rejected: number;
  /** Keys of requirements with no file yet. */
  missing: string[];
  /** Every requirement has a file and none is rejected: the profile can be sent for review. */
  readyToSubmit: boolean;
  /** Every requirement approved: the profile can be approved. */
  allApproved: boolean;
}
