/** DTOs of the platform's review of providers (admins only). */

export type ProviderStatus = "PENDING" | "APPROVED" | "SUSPENDED" | "REJECTED";

export interface ReviewQueueItemDto {
  providerId: string;
  displayName: string;
  submittedAt: Date;
  specialties: string[];
  /** Required documents by the state of their current file. */
  documents: { total: number; approved: number; submitted: number; rejected: number; missing: number };
}

export interface ReviewQueueDto {
  items: ReviewQueueItemDto[];
  total: number;
  /** The offset of the next page; null on the last. */
  nextOffset: number | null;
}

export interface ReviewDecisionDto {
  /** provider.approved, provider.rejected, provider.suspended, provider.reinstated, provider_document.approved, provider_document.rejected */
  action: string;
  occurredAt: Date;
  actorName: string | null;
  from: string | null;
  to: string | null;
  /** For a document decision: which requirement it was about. */
  documentTypeName: string | null;
}

export interface ProviderForReviewDto {
  id: string;
  slug: string;
  displayName: string;
  email: string;
  bio: string;
  registrationNumber: string | null;
  timeZone: string;
  languages: string[];
  specialties: string[];
  services: Array<{
    id: string;
    name: string;
    durationMinutes: number;
    priceMinor: number;
    currency: string;
    isOnline: boolean;
    isInPerson: boolean;
    isActive: boolean;
  }>;
  status: ProviderStatus;
  statusReason: string | null;
  statusChangedAt: Date | null;
  submittedAt: Date | null;
  createdAt: Date;
  /** Newest first: the platform's decisions on this provider and their documents. */
  history: ReviewDecisionDto[];
}

export interface ReviewedDocumentDto {
  id: string;
  providerId: string;
  status: "APPROVED" | "REJECTED";
  /** Cleared by a rejection: the profile went back to the provider. */
  providerSubmittedAt: Date | null;
}

export interface ProviderDecisionDto {
  providerId: string;
  status: ProviderStatus;
  statusReason: string | null;
  statusChangedAt: Date;
  /** Suspension only: the future bookings cancelled and the holds released. */
  cancelledBookings: number;
  releasedHolds: number;
}

export interface SuspensionImpactDto {
  providerId: string;
  status: ProviderStatus;
  /** Pending and confirmed bookings starting after now: what a suspension would cancel. */
  futureBookings: number;
}
