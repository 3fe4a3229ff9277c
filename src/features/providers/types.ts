/** What the public directory shows about a provider: no contact details, no patient data. */
export interface ProviderSummary {
  id: string;
  slug: string;
  displayName: string;
  bio: string;
  languages: string[];
  specialties: { slug: string; name: string }[];
  timeZone: string;
  services: { id: string; name: string; durationMinutes: number; priceMinor: number; currency: string; isOnline: boolean; isInPerson: boolean }[];
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface ServiceDto {
  id: string;
  name: string;
  description: string;
  durationMinutes: number;
  priceMinor: number;
  currency: string;
  isOnline: boolean;
  isInPerson: boolean;
  isActive: boolean;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  slotStepMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  maxBookingsPerDay: number | null;
  requiresApproval: boolean;
}

/** The public provider page: profile, active services and practice locations. No contact data. */
export interface ProviderProfileDto {
  id: string;
  slug: string;
  displayName: string;
  bio: string;
  languages: string[];
  timeZone: string;
  specialties: { slug: string; name: string }[];
  services: ServiceDto[];
  locations: { id: string; name: string; formattedAddress: string; timeZone: string; latitude: number; longitude: number }[];
}

export interface MyProviderProfileDto {
  id: string;
  slug: string;
  displayName: string;
  status: "PENDING" | "APPROVED" | "SUSPENDED" | "REJECTED";
  timeZone: string;
  cancellationCutoffMinutes: number;
}
