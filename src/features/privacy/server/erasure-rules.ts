import type { ErasureBlocker, ErasureCounts, ErasurePreviewDto } from "../types";

/** What decides whether a person may erase their data now. */
export interface ErasureFacts {
  isPlatformAdmin: boolean;
  /** The provider profile's public name, or null for someone who is not a provider. */
  providerName: string | null;
  ownedOrganizations: { id: string; name: string }[];
  upcomingBookings: Extract<ErasureBlocker, { kind: "UPCOMING_BOOKINGS" }>["bookings"];
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function listOfNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Why erasure must wait, each with what to do. A provider's and an administrator's accounts hold
 * records others rely on, an organization needs an owner, and an appointment still to come is
 * expected by its provider: cancelling tells them, erasing would not.
 */
export function erasureBlockers(facts: ErasureFacts): ErasureBlocker[] {
  const blockers: ErasureBlocker[] = [];
  if (facts.isPlatformAdmin) {
    blockers.push({
      kind: "PLATFORM_ADMIN",
      message:
        "You are a platform administrator, and an administrator's account cannot be erased from here. Another administrator must first remove your administrator role; then you can erase your data.",
    });
  }
  if (facts.providerName !== null) {
    blockers.push({
      kind: "PROVIDER",
      message: `You have a provider profile (${facts.providerName}). A provider must keep the records of the appointments they gave, their verification documents and their decisions, so a provider's account cannot be erased from here. Ask the MedBookings platform administrators, who review provider profiles, to close your provider profile and erase what need not be kept. Meanwhile you can download your data.`,
    });
  }
  if (facts.ownedOrganizations.length > 0) {
    const names = listOfNames(facts.ownedOrganizations.map((organization) => organization.name));
    blockers.push({
      kind: "ORGANIZATION_OWNER",
      message: `You are an owner of ${names}. An organization needs an owner: on its Members page make another member an owner, then leave the organization, and come back here.`,
      organizations: facts.ownedOrganizations,
    });
  }
  if (facts.upcomingBookings.length > 0) {
    blockers.push({
      kind: "UPCOMING_BOOKINGS",
      message: `Cancel your ${plural(facts.upcomingBookings.length, "upcoming booking", "upcoming bookings")} first (in My bookings): the provider expects you, and cancelling tells them.`,
      bookings: facts.upcomingBookings,
    });
  }
  return blockers;
}

/** What erasure would change, as counted beforehand; consent records and audit rows are counted too. */
export interface ErasureScopeCounts extends ErasureCounts {
  consentRecords: number;
  auditEntries: number;
}

/** The preview's lists: what goes (or is replaced by placeholders), and what stays and why. */
export function describeErasure(counts: ErasureScopeCounts): Pick<ErasurePreviewDto, "removed" | "kept"> {
  const removed = [
    { what: "Your name, email address and picture on your account", count: null },
    { what: "Your sign-in links (such as Google)", count: counts.signInLinks },
    { what: "Your sessions: you will be signed out on every device", count: counts.sessions },
    { what: "Your patient profile (name, phone, language, time zone)", count: counts.patientProfile },
    { what: "Your notification settings", count: counts.notificationPreferences },
    { what: "What we know about your email address and phone numbers (opt-ins, opt-outs, delivery problems)", count: counts.contactChannels },
    { what: "Confirmation codes we sent you", count: counts.contactVerifications },
    {
      what: "From your bookings: your name, contact details, notes, time zone, any reason you gave for cancelling, and the link to manage each booking",
      count: counts.bookings,
    },
    { what: "Your contact cards kept for providers", count: counts.contactCards },
    { what: "Your address on the messages we sent you", count: counts.notifications },
    { what: "Your memberships of organizations", count: counts.memberships },
    { what: "Your address on invitations to join an organization (open ones are withdrawn)", count: counts.invitations },
  ].filter((item) => item.count === null || item.count > 0);
  const kept = [
    {
      what: "Your bookings in minimal form: time, provider, service, price, status, mode and place, shown to the provider as “Erased patient”",
      count: counts.bookings,
      why: "A provider must keep a record of the appointments they gave.",
    },
    {
      what: "The purpose, channel, status and times of the messages we sent you, without the address",
      count: counts.notifications,
      why: "They are the delivery record of messages about those bookings.",
    },
    {
      what: "Your consent records",
      count: counts.consentRecords,
      why: "They show what was agreed, which version and when. They cannot be changed, and hold ids, versions, times and the network address they came from, but no name, contact details or notes.",
    },
    {
      what: "Audit trail entries about you or made by you",
      count: counts.auditEntries,
      why: "The audit trail records who did what and when, for security and accountability. It cannot be changed, and holds ids, actions, times and the network address and browser of each action, but no name, contact details or notes.",
    },
    {
      what: "An account record with no name and an address that cannot receive mail",
      count: null,
      why: "Bookings, consent records and the audit trail point at it. Nobody can sign in to it: signing in with the same Google account later starts a new, empty account.",
    },
  ].filter((item) => item.count === null || item.count > 0);
  return { removed, kept };
}

/** The export's file name, dated in UTC (the instants inside are UTC too). */
export function exportFileName(now: Date): string {
  return `medbookings-data-${now.toISOString().slice(0, 10)}.json`;
}
