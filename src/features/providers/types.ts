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
