/**
 * The requests scripts/fuzz-api.ts sends: for every procedure, a valid-looking input built from
 * real seeded ids, each field of it replaced by hostile values, the whole input replaced, and
 * transformer-level attacks; then protocol abuse (methods, content types, batches, malformed
 * JSON, oversized bodies, unknown paths). Every contact, notes and reason field carries the
 * patient markers, so a leak anywhere is findable by text.
 */
import { randomBytes, randomUUID } from "node:crypto";

export type Role = "anonymous" | "patient" | "provider" | "admin";
export type ProcedureType = "query" | "mutation";

export interface FuzzRequest {
  /** Procedure path, or "(protocol)" for requests that name none or an unknown one. */
  procedure: string;
  /** A short summary of the input, for the report. */
  label: string;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** Path and query, e.g. /api/trpc/providers.list?input=… */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  role: Role;
}

export const MARKERS = {
  name: "Fuzzy Patientname",
  email: "fuzz.patient@example.com",
  phone: "+447700900999",
  notes: "FUZZNOTES",
};

/** Lower-case fragments that betray a marker however it is encoded (URL, E.164, national). */
export const MARKER_FRAGMENTS = ["patientname", "fuzz.patient", "fuzz%2epatient", "7700900999", "7700 900999", "fuzznotes"];

export function findMarkers(text: string): string[] {
  const lower = text.toLowerCase();
  return MARKER_FRAGMENTS.filter((fragment) => lower.includes(fragment));
}

/** What the fuzzer learned from the running app before fuzzing; missing ids are random. */
export interface Discovery {
  providerId: string;
  otherProviderId: string;
  slug: string;
  serviceId: string;
  otherServiceId: string;
  locationId: string | null;
  slotStepMinutes: number;
  /** A slot the app offered, and its mode and place. */
  slot: { startsAt: Date; mode: "ONLINE" | "IN_PERSON"; locationId: string | null };
  /** An open hold whose contact (MARKERS.email) is verified: bookings.confirm may take it. */
  holdId: string;
  holdToken: string;
  /** An open hold for bookings.releaseHold (releasing the verified one would end the confirm fuzz early). */
  releasableHoldId: string;
  releasableHoldToken: string;
  /** An open hold with a code sent by SMS that only wrong guesses are sent for. */
  guessedHoldId: string;
  guessedHoldToken: string;
  /** An open hold with a code sent to MARKERS.email and not entered yet, and that code. */
  pendingHoldId: string;
  pendingHoldToken: string;
  contactCode: string;
  /** The hold that became the guest booking (its id is the booking's): no longer a hold. */
  bookedHoldId: string;
  bookedHoldToken: string;
  manageToken: string;
  /** The signed-in patient's booking with the provider under test. */
  myBookingId: string;
  /** A guest booking with the provider under test (contact: the markers). */
  providerBookingId: string;
  /** The patient's booking with the other provider. */
  otherProviderBookingId: string;
  overrideId: string;
  /** An organization the signed-in provider belongs to. */
  organizationId: string;
  /** A notification about providerBookingId that is not dead-lettered, and one that is. */
  notificationId: string;
  deadNotificationId: string;
  now: Date;
}

export const NO_INPUT = Symbol("no input");
type Input = unknown;

interface Template {
  role: Role;
  /** A valid-looking input, or NO_INPUT for procedures that take none. */
  input: (d: Discovery) => Input;
  /** Hand-made inputs around real ids (grid, past, far future, real tokens), as the template's role unless one is named. */
  focused?: (d: Discovery) => Array<[string, Input] | [string, Input, Role]>;
}

const contact = { name: MARKERS.name, email: MARKERS.email, phone: MARKERS.phone };
const DAY = 86_400_000;
const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

/** Instants around a real slot: on and off the grid, past, at and beyond the accepted range. */
function startsAtVariants(d: Discovery): Array<[string, Input]> {
  const s = d.slot.startsAt;
  return [
    ["real slot", s],
    ["slot +1 min (off grid)", addMinutes(s, 1)],
    ["slot + step/2", addMinutes(s, Math.max(1, Math.floor(d.slotStepMinutes / 2)))],
    ["slot +1 ms", new Date(s.getTime() + 1)],
    ["slot one week later", addMinutes(s, 7 * 24 * 60)],
    ["past (yesterday)", new Date(Math.floor((d.now.getTime() - DAY) / 900_000) * 900_000)],
    ["now", d.now],
    ["2099-12-31T23:45Z", new Date("2099-12-31T23:45:00Z")],
    ["2100-01-01 (outside range)", new Date("2100-01-01T00:00:00Z")],
    ["1999-12-31 (outside range)", new Date("1999-12-31T23:45:00Z")],
    ["string 9999-12-31", "9999-12-31T00:00:00Z"],
    ["string +010000", "+010000-01-01T00:00:00Z"],
    ["string 0000-01-01", "0000-01-01"],
    ["epoch number", s.getTime()],
    ["ISO with offset", s.toISOString().replace("Z", "+00:00")],
    ["local time no zone", s.toISOString().slice(0, 19)],
  ];
}

function slotTarget(d: Discovery) {
  return { startsAt: d.slot.startsAt, mode: d.slot.mode, locationId: d.slot.locationId };
}

export const TEMPLATES: Record<string, Template> = {
  health: { role: "anonymous", input: () => NO_INPUT },
  "auth.me": { role: "patient", input: () => NO_INPUT },
  // Search by place: the point of King's Cross and the id the Places emulator gives the demo practice there.
  "search.providers": {
    role: "anonymous",
    input: () => ({ near: { latitude: 51.5357, longitude: -0.1257 }, radiusKm: 10, sort: "distance", specialty: "cardiology", mode: "IN_PERSON", page: 1, pageSize: 10 }),
    focused: () => [
      ["near and placeId together", { near: { latitude: 51.5, longitude: -0.1 }, placeId: "demo-place-london-kings-cross" }],
      ["a place id from the emulator", { placeId: "demo-place-london-kings-cross", near: undefined }],
      ["a place id that does not exist", { placeId: "ChIJdoesNotExist000000000", near: undefined }],
      ["a place id with a slash", { placeId: "../../etc/passwd", near: undefined }],
      ["latitude 91", { near: { latitude: 91, longitude: 0 } }],
      ["longitude -181", { near: { latitude: 0, longitude: -181 } }],
      ["NaN latitude as a string", { near: { latitude: "NaN", longitude: 0 } }],
      ["radius 0", { radiusKm: 0 }],
      ["radius 10^6", { radiusKm: 1_000_000 }],
      ["distance without a place", { near: undefined, sort: "distance" }],
      ["soonest, words only", { near: undefined, sort: "soonest", q: "London" }],
      ["availableWithinDays 61", { availableWithinDays: 61 }],
      ["page 2^31", { page: 2 ** 31 }],
      ["pageSize 51", { pageSize: 51 }],
      ["q of 101 characters", { q: "q".repeat(101) }],
      ["q LIKE wildcards", { q: "%_%\\" }],
    ],
  },
  "places.suggest": {
    role: "anonymous",
    input: () => ({ input: "King's Cross", near: { latitude: 51.5357, longitude: -0.1257 } }),
    focused: () => [
      ["one character", { input: "K" }],
      ["101 characters", { input: "k".repeat(101) }],
      ["NUL", { input: "King\u0000s Cross" }],
      ["a postcode", { input: "N1C 4AG" }],
      ["sessionToken not a UUID", { sessionToken: "session" }],
      ["near out of range", { near: { latitude: -91, longitude: 0 } }],
    ],
  },
  "places.resolve": {
    role: "anonymous",
    input: () => ({ placeId: "demo-place-london-kings-cross" }),
    focused: () => [
      ["unknown place id", { placeId: "ChIJdoesNotExist000000000" }],
      ["empty place id", { placeId: "" }],
      ["301 characters", { placeId: "p".repeat(301) }],
      ["a path", { placeId: "places/../../x" }],
    ],
  },
  "providers.list": {
    role: "anonymous",
    input: () => ({ query: "heart", specialty: "cardiology", service: "follow-up", mode: "ONLINE", language: "en", page: 1, pageSize: 12 }),
    focused: () => [
      ["page 10^9", { page: 1_000_000_000 }],
      ["page 2^31", { page: 2 ** 31 }],
      ["query LIKE wildcards", { query: "%_%\\" }],
      ["query marker name", { query: MARKERS.name }],
      ["specialty unknown", { specialty: "no-such-specialty" }],
    ],
  },
  "providers.specialties": { role: "anonymous", input: () => NO_INPUT },
  "providers.bySlug": {
    role: "anonymous",
    input: (d) => ({ slug: d.slug }),
    focused: (d) => [
      ["unknown slug", { slug: "no-such-provider" }],
      ["slug with padding", { slug: `  ${d.slug}  ` }],
      ["slug upper case", { slug: d.slug.toUpperCase() }],
    ],
  },
  "providers.me": { role: "provider", input: () => NO_INPUT },
  "providers.saveSettings": {
    role: "provider",
    input: () => ({ timeZone: "Europe/London", cancellationCutoffMinutes: 120 }),
    focused: () => [
      ["zone lower case", { timeZone: "europe/london", cancellationCutoffMinutes: 60 }],
      ["zone Etc/GMT+14", { timeZone: "Etc/GMT-14", cancellationCutoffMinutes: 60 }],
      ["zone path traversal", { timeZone: "../../../etc/passwd", cancellationCutoffMinutes: 60 }],
      ["zone UTC", { timeZone: "UTC", cancellationCutoffMinutes: 0 }],
      ["zone back to London", { timeZone: "Europe/London", cancellationCutoffMinutes: 120 }],
    ],
  },
  "providers.myServices": { role: "provider", input: () => NO_INPUT },
  "providers.saveService": {
    role: "provider",
    input: (d) => ({
      serviceId: d.serviceId,
      service: {
        name: "Fuzz consultation",
        description: "A fuzzed service.",
        durationMinutes: 30,
        priceMinor: 5_000,
        currency: "GBP",
        isOnline: true,
        isInPerson: false,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        slotStepMinutes: 15,
        minimumNoticeMinutes: 120,
        bookingHorizonDays: 60,
        maxBookingsPerDay: null,
        requiresApproval: false,
      },
    }),
    focused: (d) => [
      ["another provider's service", { serviceId: d.otherServiceId, service: { name: "Taken over", durationMinutes: 30, priceMinor: 1, currency: "GBP", isOnline: true, isInPerson: false } }],
      ["new service, max values", { serviceId: null, service: { name: "Fuzz max", durationMinutes: 720, priceMinor: 100_000_000, currency: "ZZZ", isOnline: true, isInPerson: true, bufferBeforeMinutes: 240, bufferAfterMinutes: 240, slotStepMinutes: 240, minimumNoticeMinutes: 43_200, bookingHorizonDays: 730, maxBookingsPerDay: 500 } }],
    ],
  },
  "providers.setServiceActive": {
    role: "provider",
    input: (d) => ({ serviceId: d.serviceId, isActive: true }),
    focused: (d) => [["another provider's service", { serviceId: d.otherServiceId, isActive: false }]],
  },
  "availability.slots": {
    role: "anonymous",
    input: (d) => ({ providerId: d.providerId, serviceId: d.serviceId, from: d.now, days: 14 }),
    focused: (d) => [
      ["62 days from 2099-12", { providerId: d.providerId, serviceId: d.serviceId, from: new Date("2099-12-01T00:00:00Z"), days: 62 }],
      ["service of another provider", { providerId: d.providerId, serviceId: d.otherServiceId, from: d.now, days: 7 }],
      ["from 2000-01-01", { providerId: d.providerId, serviceId: d.serviceId, from: new Date("2000-01-01T00:00:00Z"), days: 62 }],
      ["from off the minute", { providerId: d.providerId, serviceId: d.serviceId, from: new Date(d.now.getTime() + 12_345), days: 1 }],
    ],
  },
  "availability.mySchedule": { role: "provider", input: () => NO_INPUT },
  "availability.saveWeeklySchedule": {
    role: "provider",
    input: (d) => ({
      rules: [
        { weekday: 1, startMinute: 540, endMinute: 720, mode: "ONLINE", locationId: null },
        { weekday: 2, startMinute: 540, endMinute: 1020, mode: d.locationId ? "IN_PERSON" : "ONLINE", locationId: d.locationId },
      ],
      effectiveFrom: null,
      effectiveUntil: null,
    }),
    focused: (d) => [
      ["70 rules", { rules: Array.from({ length: 70 }, (_, i) => ({ weekday: (i % 7) + 1, startMinute: Math.floor(i / 7) * 60, endMinute: Math.floor(i / 7) * 60 + 30, mode: "ONLINE", locationId: null })) }],
      ["midnight to 24:00", { rules: [{ weekday: 7, startMinute: 0, endMinute: 1440, mode: "ONLINE", locationId: null }] }],
      ["effective 2000 to 2099", { rules: [], effectiveFrom: "2000-01-01", effectiveUntil: "2099-12-31" }],
      ["effective 9999-12-31", { rules: [], effectiveFrom: "9999-12-31", effectiveUntil: null }],
      ["effective 2027-02-30", { rules: [], effectiveFrom: "2027-02-30", effectiveUntil: null }],
      ["location of another organization", { rules: [{ weekday: 3, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: randomUUID() }] }],
      ["same wall clock at two places", { rules: [{ weekday: 4, startMinute: 540, endMinute: 600, mode: "ONLINE", locationId: null }, { weekday: 4, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: d.locationId ?? randomUUID() }] }],
    ],
  },
  "availability.addOverride": {
    role: "provider",
    input: () => ({
      startDate: "2027-03-01",
      endDate: "2027-03-02",
      kind: "EXTRA",
      reason: "Fuzz extra hours",
      intervals: [{ startMinute: 600, endMinute: 660, mode: "ONLINE", locationId: null }],
    }),
    focused: () => [
      ["OFF over the whole range", { startDate: "2000-01-01", endDate: "2099-12-31", kind: "OFF", reason: "Fuzz closure" }],
      ["OFF on 9999-12-31", { startDate: "9999-12-31", endDate: "9999-12-31", kind: "OFF" }],
      ["REPLACE 12 intervals", { startDate: "2027-04-01", endDate: "2027-04-01", kind: "REPLACE", intervals: Array.from({ length: 12 }, (_, i) => ({ startMinute: i * 60, endMinute: i * 60 + 30, mode: "ONLINE", locationId: null })) }],
      ["date 2027-02-29", { startDate: "2027-02-29", endDate: "2027-02-29", kind: "OFF" }],
    ],
  },
  "availability.removeOverride": {
    role: "provider",
    input: (d) => ({ overrideId: d.overrideId }),
    focused: () => [["unknown override", { overrideId: randomUUID() }]],
  },
  "bookings.hold": {
    role: "anonymous",
    input: (d) => ({ providerId: d.providerId, serviceId: d.serviceId, ...slotTarget(d) }),
    focused: (d) => [
      ...startsAtVariants(d).map(([label, startsAt]): [string, Input] => [label, { providerId: d.providerId, serviceId: d.serviceId, ...slotTarget(d), startsAt }]),
      ["mode swapped", { providerId: d.providerId, serviceId: d.serviceId, ...slotTarget(d), mode: d.slot.mode === "ONLINE" ? "IN_PERSON" : "ONLINE" }],
      ["unknown location", { providerId: d.providerId, serviceId: d.serviceId, startsAt: d.slot.startsAt, mode: "IN_PERSON", locationId: randomUUID() }],
      ["service of another provider", { providerId: d.providerId, serviceId: d.otherServiceId, ...slotTarget(d) }],
      ["provider and service swapped", { providerId: d.serviceId, serviceId: d.providerId, ...slotTarget(d) }],
    ],
  },
  "bookings.releaseHold": {
    role: "anonymous",
    input: (d) => ({ holdId: d.releasableHoldId, holdToken: d.releasableHoldToken }),
    focused: (d) => [
      ["real hold, wrong token", { holdId: d.holdId, holdToken: randomBytes(32).toString("base64url") }],
      ["real token, other hold", { holdId: randomUUID(), holdToken: d.holdToken }],
      ["manage token as hold token", { holdId: d.holdId, holdToken: d.manageToken }],
      ["a booked hold", { holdId: d.bookedHoldId, holdToken: d.bookedHoldToken }],
    ],
  },
  "bookings.requestContactCode": {
    role: "anonymous",
    input: (d) => ({ holdId: d.holdId, holdToken: d.holdToken, channel: "EMAIL", contact }),
    focused: (d) => {
      const hold = { holdId: d.holdId, holdToken: d.holdToken };
      return [
        ["SMS to the marker phone", { ...hold, channel: "SMS", contact }],
        ["SMS, phone national GB", { ...hold, channel: "SMS", contact: { ...contact, phone: "07700 900999", phoneCountry: "GB" } }],
        ["SMS to a landline (Twilio 21614)", { ...hold, channel: "SMS", contact: { ...contact, phone: "+15005550009" } }],
        ["email upper case (same address)", { ...hold, channel: "EMAIL", contact: { ...contact, email: MARKERS.email.toUpperCase() } }],
        ["another email address", { ...hold, channel: "EMAIL", contact: { ...contact, email: "fuzz.patient+other@example.com" } }],
        ["no contact (guest)", { ...hold, channel: "EMAIL" }],
        ["channel WHATSAPP", { ...hold, channel: "WHATSAPP", contact }],
        ["channel lower case", { ...hold, channel: "email", contact }],
        ["resend on the pending hold", { holdId: d.pendingHoldId, holdToken: d.pendingHoldToken, channel: "EMAIL", contact }],
        ["pending hold, open hold's token", { holdId: d.pendingHoldId, holdToken: d.holdToken, channel: "EMAIL", contact }],
        ["hold already booked", { holdId: d.bookedHoldId, holdToken: d.bookedHoldToken, channel: "EMAIL", contact }],
        ["booking id with a random token", { holdId: d.providerBookingId, holdToken: randomBytes(32).toString("base64url"), channel: "EMAIL", contact }],
        ["manage token as hold token", { holdId: d.bookedHoldId, holdToken: d.manageToken, channel: "EMAIL", contact }],
        ["signed-in patient, verified account", { ...hold, channel: "EMAIL" }, "patient"],
        ["signed-in patient with contact", { ...hold, channel: "SMS", contact }, "patient"],
      ];
    },
  },
  "bookings.verifyContactCode": {
    role: "anonymous",
    input: (d) => ({ holdId: d.pendingHoldId, holdToken: d.pendingHoldToken, code: d.contactCode }),
    focused: (d) => {
      const pending = { holdId: d.pendingHoldId, holdToken: d.pendingHoldToken };
      const wrong = String((Number(d.contactCode) + 1) % 1_000_000).padStart(6, "0");
      return [
        ["wrong code", { ...pending, code: wrong }],
        ["code with a space", { ...pending, code: `${d.contactCode.slice(0, 3)} ${d.contactCode.slice(3)}` }],
        ["code with a dash", { ...pending, code: `${d.contactCode.slice(0, 3)}-${d.contactCode.slice(3)}` }],
        ["code with tabs and newlines", { ...pending, code: `\t${d.contactCode}\n` }],
        ["code 5 digits", { ...pending, code: d.contactCode.slice(0, 5) }],
        ["code 7 digits", { ...pending, code: `${d.contactCode}0` }],
        ["code full-width digits", { ...pending, code: [...d.contactCode].map((c) => String.fromCharCode(0xff10 + Number(c))).join("") }],
        ["code Arabic-Indic digits", { ...pending, code: [...d.contactCode].map((c) => String.fromCharCode(0x0660 + Number(c))).join("") }],
        ["code as a number", { ...pending, code: Number(d.contactCode) }],
        ["code 000000", { ...pending, code: "000000" }],
        // Seven wrong guesses at once on a code no one enters: five are counted, then it is locked.
        ...Array.from({ length: 7 }, (_, i): [string, Input] => [`guess ${i + 1} of 7 on the guessed hold`, { holdId: d.guessedHoldId, holdToken: d.guessedHoldToken, code: String(100_000 + i * 111_111).slice(0, 6) }]),
        ["real code, open hold's token", { holdId: d.pendingHoldId, holdToken: d.holdToken, code: d.contactCode }],
        ["real code on the verified open hold", { holdId: d.holdId, holdToken: d.holdToken, code: d.contactCode }],
        ["wrong code on the verified open hold", { holdId: d.holdId, holdToken: d.holdToken, code: wrong }],
        ["hold already booked", { holdId: d.bookedHoldId, holdToken: d.bookedHoldToken, code: d.contactCode }],
        ["hold without any code", { holdId: randomUUID(), holdToken: d.pendingHoldToken, code: d.contactCode }],
        ["real code as another patient", { ...pending, code: d.contactCode }, "patient"],
      ];
    },
  },
  "bookings.confirm": {
    role: "anonymous",
    input: (d) => ({ holdId: d.holdId, holdToken: d.holdToken, contact, notes: MARKERS.notes, consent: true, patientTimeZone: "Europe/London" }),
    focused: (d) => {
      const base = { holdId: d.holdId, holdToken: d.holdToken, notes: MARKERS.notes, consent: true, patientTimeZone: "Europe/London" };
      const withContact = (label: string, extra: Record<string, unknown>): [string, Input] => [label, { ...base, contact: { ...contact, ...extra } }];
      return [
        withContact("phone national, GB", { phone: "07700 900999", phoneCountry: "GB" }),
        withContact("phone national, no country", { phone: "07700900999" }),
        withContact("phone with extension", { phone: `${MARKERS.phone} ext. 12` }),
        withContact("phone +999", { phone: "+999 7700900999" }),
        withContact("phoneCountry XX", { phoneCountry: "XX" }),
        withContact("phoneCountry __proto__", { phoneCountry: "__proto__" }),
        withContact("phoneCountry toString", { phoneCountry: "toString" }),
        withContact("name 1 char", { name: "F" }),
        withContact("name 121 chars", { name: `${MARKERS.name} ${"x".repeat(110)}` }),
        withContact("email upper case", { email: MARKERS.email.toUpperCase() }),
        withContact("email unicode", { email: "fuzz.patiënt@exämple.com" }),
        withContact("email 300 chars", { email: `fuzz.patient${"a".repeat(280)}@example.com` }),
        ["notes 1001 chars", { ...base, contact, notes: `${MARKERS.notes} ${"n".repeat(1000)}` }],
        ["notes with NUL", { ...base, contact, notes: `${MARKERS.notes}\u0000` }],
        ["consent false", { ...base, contact, consent: false }],
        ["consent 'true'", { ...base, contact, consent: "true" }],
        ["zone casing", { ...base, contact, patientTimeZone: "EUROPE/LONDON" }],
        ["zone 5 kB", { ...base, contact, patientTimeZone: `Europe/${"L".repeat(5000)}` }],
        ["no contact (guest)", { ...base }],
        ["real token, other hold", { ...base, contact, holdId: randomUUID() }],
        ["whatsappOptIn true", { ...base, contact, whatsappOptIn: true }],
        ["whatsappOptIn 'yes'", { ...base, contact, whatsappOptIn: "yes" }],
        ["contact not the verified one", { ...base, contact: { ...contact, email: "fuzz.patient+unverified@example.com" } }],
        ["pending hold, code never entered", { ...base, holdId: d.pendingHoldId, holdToken: d.pendingHoldToken, contact }],
      ];
    },
  },
  "bookings.managed": {
    role: "anonymous",
    input: (d) => ({ token: d.manageToken }),
    focused: (d) => [
      ["hold token as manage token", { token: d.holdToken }],
      ["token 43 chars unknown", { token: randomBytes(32).toString("base64url") }],
      ["token upper case", { token: d.manageToken.toUpperCase() }],
    ],
  },
  "bookings.cancelManaged": {
    role: "anonymous",
    input: (d) => ({ token: d.manageToken, reason: `${MARKERS.notes} ${MARKERS.name}` }),
    focused: () => [["unknown token", { token: randomBytes(32).toString("base64url"), reason: MARKERS.notes }]],
  },
  "bookings.rescheduleManaged": {
    role: "anonymous",
    input: (d) => ({ token: d.manageToken, ...slotTarget(d) }),
    focused: (d) => startsAtVariants(d).map(([label, startsAt]): [string, Input] => [label, { token: d.manageToken, ...slotTarget(d), startsAt }]),
  },
  "bookings.mine": {
    role: "patient",
    input: () => ({ page: 1, pageSize: 20 }),
    focused: () => [["page 10^9", { page: 1_000_000_000, pageSize: 50 }]],
  },
  "bookings.cancelMine": {
    role: "patient",
    input: (d) => ({ bookingId: d.myBookingId, reason: `${MARKERS.notes} ${MARKERS.phone}` }),
    focused: (d) => [["a booking not mine", { bookingId: d.providerBookingId, reason: MARKERS.notes }]],
  },
  "bookings.rescheduleMine": {
    role: "patient",
    input: (d) => ({ bookingId: d.myBookingId, ...slotTarget(d) }),
    focused: (d) => startsAtVariants(d).map(([label, startsAt]): [string, Input] => [label, { bookingId: d.myBookingId, ...slotTarget(d), startsAt }]),
  },
  "bookings.providerList": {
    role: "provider",
    input: (d) => ({ from: d.now, to: new Date(d.now.getTime() + 60 * DAY), statuses: ["PENDING", "CONFIRMED"], page: 1, pageSize: 50 }),
    focused: (d) => [
      ["every status, the next 60 days", { from: d.now, to: new Date(d.now.getTime() + 60 * DAY) }],
      ["a whole year at the range end", { from: new Date("2099-01-01T00:00:00Z"), to: new Date("2099-12-31T23:59:59Z") }],
      ["366 days + 1 ms", { from: new Date("2027-01-01T00:00:00Z"), to: new Date(new Date("2027-01-01T00:00:00Z").getTime() + 366 * DAY + 1) }],
      ["page 2^31", { from: new Date("2027-01-01T00:00:00Z"), to: new Date("2027-02-01T00:00:00Z"), page: 2 ** 31 }],
      ["statuses HELD", { from: new Date("2027-01-01T00:00:00Z"), to: new Date("2027-02-01T00:00:00Z"), statuses: ["HELD"] }],
    ],
  },
  "bookings.decide": {
    role: "provider",
    input: (d) => ({ bookingId: d.providerBookingId, decision: "CONFIRM", reason: MARKERS.notes }),
    focused: (d) => [["decline a patient's booking", { bookingId: d.myBookingId, decision: "DECLINE", reason: `${MARKERS.notes} ${MARKERS.email}` }]],
  },
  "bookings.cancelAsProvider": {
    role: "provider",
    input: (d) => ({ bookingId: d.providerBookingId, reason: `${MARKERS.notes} for ${MARKERS.name}` }),
  },
  "bookings.markOutcome": {
    role: "provider",
    input: (d) => ({ bookingId: d.providerBookingId, outcome: "COMPLETED" }),
    focused: (d) => [["future booking no-show", { bookingId: d.myBookingId, outcome: "NO_SHOW" }]],
  },
  "notificationPreferences.mine": { role: "patient", input: () => NO_INPUT },
  "notificationPreferences.update": {
    role: "patient",
    input: () => ({ emailEnabled: true, whatsappEnabled: true, smsEnabled: false, quietStart: "22:00", quietEnd: "07:00" }),
    focused: () => [
      ["every channel off", { emailEnabled: false, whatsappEnabled: false, smsEnabled: false, quietStart: null, quietEnd: null }],
      ["email off, SMS on", { emailEnabled: false, whatsappEnabled: false, smsEnabled: true, quietStart: null, quietEnd: null }],
      ["start == end", { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: "07:00", quietEnd: "07:00" }],
      ["24:00", { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: "24:00", quietEnd: "07:00" }],
      ["9:00 without the leading zero", { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: "22:00", quietEnd: "9:00" }],
      ["one time only", { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: "22:00", quietEnd: null }],
      ["booleans as strings", { emailEnabled: "true", whatsappEnabled: "false", smsEnabled: "0", quietStart: null, quietEnd: null }],
      ["as the provider (no patient profile)", { emailEnabled: true, whatsappEnabled: true, smsEnabled: true, quietStart: "22:00", quietEnd: "07:00" }, "provider"],
      ["as the admin", { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: "22:00", quietEnd: "07:00" }, "admin"],
    ],
  },
  "notificationPreferences.provider": { role: "provider", input: () => NO_INPUT },
  // The provider's WhatsApp number is not MARKERS.phone: the settings answer shows it back to its owner.
  "notificationPreferences.updateProvider": {
    role: "provider",
    input: () => ({
      emailNotices: ["requested", "confirmed", "cancelled", "rescheduled"],
      whatsappNotices: ["requested"],
      whatsappNumber: "+447700900555",
      phoneCountry: "GB",
      reminderOffsetsMinutes: [1440, 120],
      quietStart: null,
      quietEnd: null,
    }),
    focused: () => {
      const none = { emailNotices: [], whatsappNotices: [], whatsappNumber: null, reminderOffsetsMinutes: [], quietStart: null, quietEnd: null };
      return [
        ["five reminders", { ...none, reminderOffsetsMinutes: [30, 60, 120, 1440, 2880] }],
        ["reminder 0 and 10^9", { ...none, reminderOffsetsMinutes: [0, 1_000_000_000] }],
        ["reminders 15 min and 14 days", { ...none, reminderOffsetsMinutes: [15, 20_160] }],
        ["reminders 14 days + 1 min", { ...none, reminderOffsetsMinutes: [20_161] }],
        ["the same reminder twice", { ...none, reminderOffsetsMinutes: [120, 120] }],
        ["reminder 1.5 min", { ...none, reminderOffsetsMinutes: [1.5] }],
        ["unknown notice", { ...none, emailNotices: ["declined"] }],
        ["a notice twice", { ...none, emailNotices: ["confirmed", "confirmed"] }],
        ["WhatsApp without number", { ...none, whatsappNotices: ["confirmed"] }],
        ["number national, GB", { ...none, whatsappNotices: ["requested"], whatsappNumber: "07700 900555", phoneCountry: "GB" }],
        ["number national, no country", { ...none, whatsappNotices: ["requested"], whatsappNumber: "07700900555" }],
        ["number invalid for Twilio (21211)", { ...none, whatsappNotices: ["requested", "confirmed", "cancelled", "rescheduled"], whatsappNumber: "+15005550001" }],
        ["phoneCountry __proto__", { ...none, whatsappNumber: "07700900555", phoneCountry: "__proto__" }],
        ["quiet hours over midnight", { ...none, quietStart: "21:30", quietEnd: "06:45" }],
        ["quiet start == end", { ...none, quietStart: "08:00", quietEnd: "08:00" }],
        ["as the admin (no provider profile)", { ...none }, "admin"],
        [
          "back to the valid settings",
          { emailNotices: ["requested", "confirmed", "cancelled", "rescheduled"], whatsappNotices: ["requested"], whatsappNumber: "+447700900555", phoneCountry: "GB", reminderOffsetsMinutes: [1440, 120], quietStart: null, quietEnd: null },
        ],
      ];
    },
  },
  "notifications.forBooking": {
    role: "provider",
    input: (d) => ({ bookingId: d.providerBookingId }),
    focused: (d) => [
      ["the patient's booking with this provider", { bookingId: d.myBookingId }],
      ["another provider's booking", { bookingId: d.otherProviderBookingId }],
      ["an open hold", { bookingId: d.holdId }],
      ["unknown booking", { bookingId: randomUUID() }],
      ["a notification id", { bookingId: d.notificationId }],
      ["as the admin", { bookingId: d.providerBookingId }, "admin"],
      ["another provider's booking, as the admin", { bookingId: d.otherProviderBookingId }, "admin"],
      ["own booking, as its patient", { bookingId: d.myBookingId }, "patient"],
    ],
  },
  "notifications.patientCardLink": {
    role: "provider",
    input: (d) => ({ bookingId: d.providerBookingId }),
    focused: (d) => [
      ["the patient's booking with this provider", { bookingId: d.myBookingId }],
      ["another provider's booking", { bookingId: d.otherProviderBookingId }],
      ["an open hold (no contact yet)", { bookingId: d.pendingHoldId }],
      ["unknown booking", { bookingId: randomUUID() }],
      ["as the admin", { bookingId: d.providerBookingId }, "admin"],
    ],
  },
  "notifications.deadLetters": {
    role: "admin",
    input: (d) => ({ limit: 25, before: new Date(d.now.getTime() + DAY) }),
    focused: (d) => [
      ["defaults", {}],
      ["limit 1", { limit: 1 }],
      ["limit 100", { limit: 100 }],
      ["limit 101", { limit: 101 }],
      ["limit 0", { limit: 0 }],
      ["before 1970", { before: new Date(0) }],
      ["before 2100", { before: new Date("2100-01-01T00:00:00Z") }],
      ["before as a string", { before: d.now.toISOString() }],
      ["as the provider", { limit: 25 }, "provider"],
    ],
  },
  "notifications.retryDeadLetter": {
    role: "admin",
    input: (d) => ({ notificationId: d.deadNotificationId }),
    focused: (d) => [
      ["a notification that is not dead", { notificationId: d.notificationId }],
      ["unknown notification", { notificationId: randomUUID() }],
      ["a booking id", { notificationId: d.providerBookingId }],
      ["as the provider of its booking", { notificationId: d.deadNotificationId }, "provider"],
    ],
  },
  "admin.overview": { role: "admin", input: () => NO_INPUT },
  // Provider onboarding: the fuzz provider is APPROVED, so every write is refused (nothing changes);
  // a signed-in patient would really start a profile, so start is tried only as the provider and a visitor.
  "onboarding.status": { role: "provider", input: () => NO_INPUT, focused: () => [["as a patient", NO_INPUT, "patient"]] },
  "onboarding.start": {
    role: "provider",
    input: () => ({ displayName: "Dr. Fuzz Applicant", timeZone: "Europe/London" }),
    focused: () => [
      ["as a visitor", { displayName: "Dr. Fuzz", timeZone: "Europe/London" }, "anonymous"],
      ["an unknown zone", { displayName: "Dr. Fuzz", timeZone: "Mars/Olympus_Mons" }],
      ["a zone with a path", { displayName: "Dr. Fuzz", timeZone: "../../etc/localtime" }],
    ],
  },
  "onboarding.saveProfile": {
    role: "provider",
    input: () => ({ displayName: "Dr. Fuzz Applicant", bio: MARKERS.notes, timeZone: "Europe/London", registrationNumber: "GMC 1234567" }),
    focused: () => [
      ["registration number with a NUL", { displayName: "Dr. Fuzz", timeZone: "Europe/London", registrationNumber: "GMC\u00001" }],
      ["registration number of 41 characters", { displayName: "Dr. Fuzz", timeZone: "Europe/London", registrationNumber: "A".repeat(41) }],
      ["bio of 2,001 characters", { displayName: "Dr. Fuzz", timeZone: "Europe/London", registrationNumber: "GMC 1", bio: "b".repeat(2001) }],
    ],
  },
  "onboarding.saveSpecialties": {
    role: "provider",
    input: () => ({ specialties: ["general-practice"], languages: ["en"] }),
    focused: () => [
      ["an unknown specialty", { specialties: ["astrology"], languages: ["en"] }],
      ["six specialties", { specialties: ["general-practice", "cardiology", "dermatology", "pediatrics", "psychiatry", "psychology"], languages: ["en"] }],
      ["no languages", { specialties: ["cardiology"], languages: [] }],
      ["a language code with SQL", { specialties: ["cardiology"], languages: ["en'); DROP TABLE providers;--"] }],
    ],
  },
  "onboarding.saveService": {
    role: "provider",
    input: () => ({ serviceId: null, service: { name: "Fuzz first visit", durationMinutes: 30, priceMinor: 5_000, currency: "GBP", isOnline: true, isInPerson: false } }),
    focused: (d) => [["another provider's service", { serviceId: d.otherServiceId, service: { name: "Taken over", durationMinutes: 30, priceMinor: 1, currency: "GBP", isOnline: true, isInPerson: false } }]],
  },
  "onboarding.removeService": {
    role: "provider",
    input: () => ({ serviceId: randomUUID() }),
    focused: (d) => [
      ["the provider's own service (approved: refused)", { serviceId: d.serviceId }],
      ["another provider's service", { serviceId: d.otherServiceId }],
    ],
  },
  "onboarding.submit": {
    role: "provider",
    input: () => ({ acceptProviderTerms: true }),
    focused: () => [
      ["terms not accepted", { acceptProviderTerms: false }],
      ["terms as a string", { acceptProviderTerms: "true" }],
      ["as a patient without a profile", { acceptProviderTerms: true }, "patient"],
    ],
  },
  "providerDocuments.mine": { role: "provider", input: () => NO_INPUT, focused: () => [["as a patient", NO_INPUT, "patient"]] },
  "providerDocuments.forProvider": {
    role: "admin",
    input: (d) => ({ providerId: d.providerId }),
    focused: (d) => [
      ["unknown provider", { providerId: randomUUID() }],
      ["as that provider", { providerId: d.providerId }, "provider"],
      ["as another provider's patient", { providerId: d.otherProviderId }, "patient"],
    ],
  },
  "providerDocuments.link": {
    role: "provider",
    input: () => ({ documentId: randomUUID() }),
    focused: (d) => [
      ["a booking id as document", { documentId: d.providerBookingId }],
      ["as the admin, unknown document", { documentId: randomUUID() }, "admin"],
    ],
  },
  // Data rights: the fuzz patient has upcoming bookings, so erasure is refused; "erase" is the wrong word.
  "privacy.consents": { role: "patient", input: () => NO_INPUT },
  "privacy.exportSummary": { role: "patient", input: () => NO_INPUT, focused: () => [["as the provider", NO_INPUT, "provider"]] },
  "privacy.erasurePreview": { role: "patient", input: () => NO_INPUT, focused: () => [["as the admin", NO_INPUT, "admin"]] },
  "privacy.erase": {
    role: "patient",
    input: () => ({ confirmation: "erase" }),
    focused: () => [
      ["the right word as the provider (refused: a provider)", { confirmation: "ERASE" }, "provider"],
      ["the right word as the admin (refused: an admin)", { confirmation: "ERASE" }, "admin"],
      ["the right word as the patient (refused: upcoming bookings)", { confirmation: "ERASE" }],
      ["the word with a NUL", { confirmation: "ERASE\u0000" }],
    ],
  },
  // Platform review: decisions on unknown ids, or ones the approved fuzz provider's state refuses.
  "admin.providers.queue": {
    role: "admin",
    input: () => ({ offset: 0, limit: 25 }),
    focused: () => [
      ["limit 101", { limit: 101 }],
      ["offset -1", { offset: -1 }],
      ["offset 2^31", { offset: 2 ** 31 }],
      ["as the provider", {}, "provider"],
    ],
  },
  "admin.providers.get": {
    role: "admin",
    input: (d) => ({ providerId: d.providerId }),
    focused: (d) => [
      ["unknown provider", { providerId: randomUUID() }],
      ["as that provider", { providerId: d.providerId }, "provider"],
    ],
  },
  "admin.providers.suspensionImpact": {
    role: "admin",
    input: (d) => ({ providerId: d.providerId }),
    focused: () => [["unknown provider", { providerId: randomUUID() }]],
  },
  "admin.providers.reviewDocument": {
    role: "admin",
    input: () => ({ documentId: randomUUID(), decision: "REJECT", reason: `${MARKERS.notes} blurred scan` }),
    focused: () => [
      ["reject without a reason", { documentId: randomUUID(), decision: "REJECT" }],
      ["reason of 501 characters", { documentId: randomUUID(), decision: "REJECT", reason: "r".repeat(501) }],
      ["lower-case decision", { documentId: randomUUID(), decision: "approve" }],
      ["as a provider", { documentId: randomUUID(), decision: "APPROVE" }, "provider"],
    ],
  },
  "admin.providers.decide": {
    role: "admin",
    input: () => ({ providerId: randomUUID(), decision: "SUSPEND", reason: `${MARKERS.notes} complaint` }),
    focused: (d) => [
      ["approve an approved provider", { providerId: d.providerId, decision: "APPROVE" }],
      ["reinstate a provider who is not suspended", { providerId: d.providerId, decision: "REINSTATE" }],
      ["reject an approved provider", { providerId: d.providerId, decision: "REJECT", reason: "Not a real clinician" }],
      ["suspend without a reason (unknown provider)", { providerId: randomUUID(), decision: "SUSPEND" }],
      ["an unknown decision", { providerId: randomUUID(), decision: "DELETE" }],
      ["as the provider, about themselves", { providerId: d.providerId, decision: "REINSTATE" }, "provider"],
    ],
  },
  // Finding records: every search escapes LIKE wildcards; record reads are audited.
  "admin.directory.searchBookings": {
    role: "admin",
    input: (d) => ({ query: MARKERS.email, from: new Date(d.now.getTime() - 30 * DAY), to: new Date(d.now.getTime() + 60 * DAY) }),
    focused: (d) => [
      ["a booking id", { query: d.providerBookingId }],
      ["LIKE wildcards", { query: "%_%\\" }],
      ["a phone number", { query: MARKERS.phone }],
      ["a bad cursor", { cursor: "not-a-cursor" }],
      ["from after to", { from: new Date(d.now.getTime() + DAY), to: d.now }],
      ["limit 101", { limit: 101 }],
      ["as the provider", { query: MARKERS.email }, "provider"],
    ],
  },
  "admin.directory.booking": {
    role: "admin",
    input: (d) => ({ bookingId: d.providerBookingId }),
    focused: (d) => [
      ["unknown booking", { bookingId: randomUUID() }],
      ["as that booking's provider", { bookingId: d.providerBookingId }, "provider"],
      ["as the patient, own booking", { bookingId: d.myBookingId }, "patient"],
    ],
  },
  "admin.directory.searchProviders": {
    role: "admin",
    input: () => ({ query: "Hart", status: "APPROVED" }),
    focused: () => [
      ["LIKE wildcards", { query: "%_" }],
      ["lower-case status", { status: "approved" }],
      ["a bad cursor", { cursor: "eyJ4IjoxfQ" }],
    ],
  },
  "admin.directory.searchPatients": {
    role: "admin",
    input: () => ({ query: MARKERS.name }),
    focused: () => [
      ["one character", { query: "a" }],
      ["LIKE wildcards", { query: "%%" }],
      ["an email", { query: MARKERS.email }],
      ["as the patient", { query: MARKERS.name }, "patient"],
    ],
  },
  "admin.directory.patient": {
    role: "admin",
    input: () => ({ userId: randomUUID() }),
    focused: (d) => [
      ["a provider id as user", { userId: d.providerId }],
      ["as the provider", { userId: randomUUID() }, "provider"],
    ],
  },
  "admin.audit.list": {
    role: "admin",
    input: (d) => ({ action: "provider.", subjectType: "provider", subjectId: d.providerId, from: new Date(d.now.getTime() - 30 * DAY), to: d.now }),
    focused: (d) => [
      ["subjectId without subjectType", { subjectId: d.providerId }],
      ["an actor email", { actorEmail: MARKERS.email }],
      ["a bad cursor", { cursor: "%%%" }],
      ["as the patient", {}, "patient"],
    ],
  },
  "admin.audit.notifications": {
    role: "admin",
    input: (d) => ({ bookingId: d.providerBookingId, channel: "EMAIL" }),
    focused: () => [
      ["a recipient address", { recipientAddress: MARKERS.email }],
      ["an unknown status", { status: "LOST" }],
      ["a purpose of 101 characters", { purpose: "p".repeat(101) }],
      ["as the provider", {}, "provider"],
    ],
  },
  // Organizations: the provider's own practice; member ids are unknown ones, so no membership changes.
  "organizations.create": {
    role: "patient",
    input: () => ({ name: `${MARKERS.name} Clinic`, description: `${MARKERS.notes} ${MARKERS.phone}` }),
    focused: () => [
      ["a one-letter name", { name: "x" }],
      ["NUL in the name", { name: "Clinic\u0000" }],
      ["a 2,001-character description", { name: "Long Clinic", description: "d".repeat(2001) }],
    ],
  },
  "organizations.mine": { role: "provider", input: () => NO_INPUT },
  "organizations.get": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId }),
    focused: (d) => [
      ["unknown organization", { organizationId: randomUUID() }],
      ["a provider id as organization", { organizationId: d.providerId }],
    ],
  },
  "organizations.update": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, description: MARKERS.notes }),
    focused: (d) => [["neither name nor description", { organizationId: d.organizationId }]],
  },
  "organizations.changeRole": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, userId: randomUUID(), role: "MANAGER" }),
    focused: (d) => [
      ["lower-case role", { organizationId: d.organizationId, userId: randomUUID(), role: "owner" }],
      ["an unknown role", { organizationId: d.organizationId, userId: randomUUID(), role: "SUPERUSER" }],
    ],
  },
  "organizations.removeMember": { role: "provider", input: (d) => ({ organizationId: d.organizationId, userId: randomUUID() }) },
  "organizations.leave": { role: "provider", input: () => ({ organizationId: randomUUID() }) },
  "organizations.pending": { role: "admin", input: () => NO_INPUT },
  "organizations.review": {
    role: "admin",
    input: () => ({ organizationId: randomUUID(), decision: "APPROVE" }),
    focused: (d) => [
      ["lower-case decision", { organizationId: d.organizationId, decision: "approve" }],
      ["an approved organization", { organizationId: d.organizationId, decision: "REJECT" }],
    ],
  },
  // Google Calendar: no calendar is connected on the fuzz server, so ids are unknown ones, others' bookings, or not ids.
  "calendarSync.overview": { role: "provider", input: () => NO_INPUT },
  "calendarSync.settings": { role: "provider", input: () => NO_INPUT },
  "calendarSync.updateSettings": {
    role: "provider",
    input: () => ({ onEventDeleted: "FLAG", invitePatient: false }),
    focused: () => [
      ["lower-case action", { onEventDeleted: "cancel", invitePatient: true }],
      ["invitePatient as a string", { onEventDeleted: "CANCEL", invitePatient: "yes" }],
      ["as a patient", { onEventDeleted: "CANCEL", invitePatient: true }, "patient"],
    ],
  },
  "calendarSync.updateCalendar": {
    role: "provider",
    input: () => ({ calendarId: randomUUID(), blocksAvailability: true, receivesBookings: true }),
    focused: (d) => [
      ["a booking id as calendar", { calendarId: d.providerBookingId, blocksAvailability: false, receivesBookings: false }],
      ["calendarId not a uuid", { calendarId: "primary", blocksAvailability: true, receivesBookings: false }],
    ],
  },
  "calendarSync.syncNow": {
    role: "provider",
    input: () => ({ calendarId: randomUUID() }),
    focused: () => [["a Google calendar id", { calendarId: "rachel.goldberg@demo.medbookings.test" }]],
  },
  "calendarSync.disconnect": {
    role: "provider",
    input: () => ({ connectionId: randomUUID() }),
    focused: (d) => [["the provider's own id", { connectionId: d.providerId }]],
  },
  "calendarEdits.conflicts": { role: "provider", input: () => NO_INPUT },
  "calendarEdits.resolve": {
    role: "provider",
    input: (d) => ({ bookingId: d.providerBookingId, action: "keep" }),
    focused: (d) => [
      ["unknown booking", { bookingId: randomUUID(), action: "cancel" }],
      ["unknown action", { bookingId: d.providerBookingId, action: "delete" }],
      ["as a patient", { bookingId: d.providerBookingId, action: "cancel" }, "patient"],
    ],
  },
  // --- organizations.invitations.* ---
  // No invitation id is discovered: resend and revoke aim at unknown ids, another feature's ids and
  // not-ids; byToken and accept at well-formed tokens that match nothing and malformed ones.
  "organizations.invitations.list": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId }),
    focused: (d) => [
      ["unknown organization", { organizationId: randomUUID() }],
      ["as a platform admin who is not a member", { organizationId: d.organizationId }, "admin"],
    ],
  },
  "organizations.invitations.invite": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, email: "fuzz.invitee@example.com", role: "STAFF" }),
    focused: (d) => [
      ["upper-case address with spaces", { organizationId: d.organizationId, email: "  FUZZ.Invitee2@Example.COM ", role: "MANAGER" }],
      ["not an address", { organizationId: d.organizationId, email: "fuzz-invitee", role: "STAFF" }],
      ["a 300-character address", { organizationId: d.organizationId, email: `${"i".repeat(288)}@example.com`, role: "STAFF" }],
      ["NUL in the address", { organizationId: d.organizationId, email: "fuzz\u0000invitee@example.com", role: "STAFF" }],
      ["lower-case role", { organizationId: d.organizationId, email: "fuzz.invitee3@example.com", role: "owner" }],
      ["an unknown role", { organizationId: d.organizationId, email: "fuzz.invitee3@example.com", role: "SUPERUSER" }],
      ["as a patient", { organizationId: d.organizationId, email: "fuzz.invitee4@example.com", role: "STAFF" }, "patient"],
    ],
  },
  "organizations.invitations.resend": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, invitationId: randomUUID() }),
    focused: (d) => [
      ["a booking id as invitation", { organizationId: d.organizationId, invitationId: d.providerBookingId }],
      ["invitationId not a uuid", { organizationId: d.organizationId, invitationId: "1" }],
    ],
  },
  "organizations.invitations.revoke": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, invitationId: randomUUID() }),
    focused: (d) => [
      ["the organization's id as invitation", { organizationId: d.organizationId, invitationId: d.organizationId }],
      ["unknown organization", { organizationId: randomUUID(), invitationId: randomUUID() }],
    ],
  },
  "organizations.invitations.byToken": {
    role: "anonymous",
    input: () => ({ token: randomBytes(32).toString("base64url") }),
    focused: (d) => [
      ["the manage link's token", { token: d.manageToken }],
      ["42 characters", { token: "a".repeat(42) }],
      ["base64 padding", { token: `${"a".repeat(42)}=` }],
      ["a path", { token: "../../organizations" }],
      ["as a signed-in patient", { token: randomBytes(32).toString("base64url") }, "patient"],
    ],
  },
  "organizations.invitations.accept": {
    role: "patient",
    input: () => ({ token: randomBytes(32).toString("base64url") }),
    focused: (d) => [
      ["the manage link's token", { token: d.manageToken }],
      ["token as a number", { token: 42 }],
      ["anonymous", { token: randomBytes(32).toString("base64url") }, "anonymous"],
    ],
  },
  // --- organizations.network.* ---
  // Writes aim at unknown ids or at answers that cannot change anything (the provider's own ACTIVE
  // link cannot be answered again): ending or leaving the provider's real link would take their
  // hours at the practice away and starve the slot templates of the same run.
  "organizations.network.list": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId }),
    focused: (d) => [
      ["lower-case status", { organizationId: d.organizationId, status: "active" }],
      ["page 0", { organizationId: d.organizationId, page: 0 }],
      ["page past the end", { organizationId: d.organizationId, page: 10_000 }],
      ["page as a string", { organizationId: d.organizationId, page: "2" }],
      ["a provider id as organization", { organizationId: d.providerId }],
    ],
  },
  "organizations.network.searchProviders": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, query: MARKERS.name }),
    focused: (d) => [
      ["LIKE wildcards", { organizationId: d.organizationId, query: "%_%" }],
      ["one character", { organizationId: d.organizationId, query: "a" }],
      ["101 characters", { organizationId: d.organizationId, query: "q".repeat(101) }],
      ["the provider's slug", { organizationId: d.organizationId, query: d.slug }],
      ["as a patient", { organizationId: d.organizationId, query: "smith" }, "patient"],
    ],
  },
  "organizations.network.invite": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, providerId: d.providerId }),
    focused: (d) => [
      ["unknown provider", { organizationId: d.organizationId, providerId: randomUUID() }],
      ["a service id as provider", { organizationId: d.organizationId, providerId: d.serviceId }],
      ["as an admin who is not a member", { organizationId: d.organizationId, providerId: randomUUID() }, "admin"],
    ],
  },
  "organizations.network.end": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, providerId: randomUUID() }),
    focused: (d) => [
      ["a booking id as provider", { organizationId: d.organizationId, providerId: d.providerBookingId }],
      ["unknown organization", { organizationId: randomUUID(), providerId: d.otherProviderId }],
    ],
  },
  "organizations.network.mine": { role: "provider", input: () => NO_INPUT, focused: () => [["as a patient", NO_INPUT, "patient"]] },
  "organizations.network.respond": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, decision: "DECLINE" }),
    focused: (d) => [
      ["lower-case decision", { organizationId: d.organizationId, decision: "accept" }],
      ["unknown organization", { organizationId: randomUUID(), decision: "ACCEPT" }],
      ["as a patient", { organizationId: d.organizationId, decision: "ACCEPT" }, "patient"],
    ],
  },
  "organizations.network.leave": {
    role: "provider",
    input: () => ({ organizationId: randomUUID() }),
    focused: (d) => [["a provider id as organization", { organizationId: d.providerId }]],
  },
  "organizations.network.setScheduleEdits": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, allowsScheduleEdits: false }),
    focused: (d) => [
      ["allowsScheduleEdits as a string", { organizationId: d.organizationId, allowsScheduleEdits: "true" }],
      ["unknown organization", { organizationId: randomUUID(), allowsScheduleEdits: true }],
    ],
  },
  // --- organizations.locations.*, availability.openingHours.* ---
  // Writes never touch the seeded location (its zone and hours feed the slot templates): create
  // makes fresh ones, update and seedSchedule aim at unknown ids, another feature's ids and not-ids.
  "organizations.locations.list": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId }),
    focused: (d) => [
      ["unknown organization", { organizationId: randomUUID() }],
      ["as a platform admin who is not a member", { organizationId: d.organizationId }, "admin"],
    ],
  },
  "organizations.locations.get": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, locationId: d.locationId ?? randomUUID() }),
    focused: (d) => [
      ["a provider id as location", { organizationId: d.organizationId, locationId: d.providerId }],
      ["locationId not a uuid", { organizationId: d.organizationId, locationId: "1 OR 1=1" }],
      ["as a patient", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID() }, "patient"],
    ],
  },
  "organizations.locations.placeDetails": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, placeId: "demo-place-london-kings-cross" }),
    focused: (d) => [
      ["a path as place id", { organizationId: d.organizationId, placeId: "../places:searchText" }],
      ["a 301-character place id", { organizationId: d.organizationId, placeId: "p".repeat(301) }],
      ["an unknown place", { organizationId: d.organizationId, placeId: "ChIJ00000000000000000000000" }],
      ["sessionToken not a uuid", { organizationId: d.organizationId, placeId: "demo-place-london-kings-cross", sessionToken: "x" }],
    ],
  },
  "organizations.locations.suggestTimeZone": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, latitude: -34.9205, longitude: 138.6007 }),
    focused: (d) => [
      ["latitude 90.0001", { organizationId: d.organizationId, latitude: 90.0001, longitude: 0 }],
      ["longitude as a string", { organizationId: d.organizationId, latitude: 0, longitude: "0" }],
      ["NaN-like latitude", { organizationId: d.organizationId, latitude: "NaN", longitude: 0 }],
      ["the open sea", { organizationId: d.organizationId, latitude: 0, longitude: -30 }],
    ],
  },
  "organizations.locations.create": {
    role: "provider",
    input: (d) => ({
      organizationId: d.organizationId,
      name: "Fuzz clinic",
      formattedAddress: "1 Fuzz Street, London, UK",
      latitude: 51.5,
      longitude: -0.12,
      timeZone: "Europe/London",
      countryCode: "GB",
      regionCode: "GB-ENG",
      // A practice phone, not a patient marker: locations.list returns it to members by design.
      phone: "+44 20 7946 0000",
      website: "https://fuzz.example/clinic",
      openingHours: [{ weekday: 1, startMinute: 480, endMinute: 1080 }],
    }),
    focused: (d) => {
      const base = { organizationId: d.organizationId, name: "Fuzz clinic", formattedAddress: "1 Fuzz Street", latitude: 51.5, longitude: -0.12, timeZone: "Europe/London", countryCode: "GB" };
      return [
        ["latitude -91", { ...base, latitude: -91 }],
        ["longitude 180.5", { ...base, longitude: 180.5 }],
        ["zone abbreviation", { ...base, timeZone: "BST" }],
        ["zone path traversal", { ...base, timeZone: "../../etc/passwd" }],
        ["lower-case country", { ...base, countryCode: "gb" }],
        ["region of another country", { ...base, regionCode: "US-NY" }],
        ["a javascript: website", { ...base, website: "javascript:alert(1)" }],
        ["overlapping opening hours", { ...base, openingHours: [{ weekday: 2, startMinute: 0, endMinute: 600 }, { weekday: 2, startMinute: 500, endMinute: 700 }] }],
        ["weekday 8", { ...base, openingHours: [{ weekday: 8, startMinute: 0, endMinute: 60 }] }],
        ["71 opening intervals", { ...base, openingHours: Array.from({ length: 71 }, (_, i) => ({ weekday: 1 + (i % 7), startMinute: Math.floor(i / 7) * 60, endMinute: Math.floor(i / 7) * 60 + 30 })) }],
        ["NUL in the name", { ...base, name: "Fuzz\u0000clinic" }],
        ["as a patient", base, "patient"],
      ];
    },
  },
  "organizations.locations.update": {
    role: "provider",
    input: (d) => ({
      organizationId: d.organizationId,
      locationId: randomUUID(),
      name: "Fuzz clinic",
      formattedAddress: "1 Fuzz Street, London, UK",
      latitude: 51.5,
      longitude: -0.12,
      timeZone: "Europe/London",
      countryCode: "GB",
    }),
    focused: (d) => {
      const base = { organizationId: d.organizationId, name: "Fuzz clinic", formattedAddress: "1 Fuzz Street", latitude: 51.5, longitude: -0.12, timeZone: "Europe/London", countryCode: "GB" };
      return [
        ["a provider id as location", { ...base, locationId: d.providerId }],
        ["the organization's id as location", { ...base, locationId: d.organizationId }],
        ["unknown organization", { ...base, organizationId: randomUUID(), locationId: randomUUID() }],
      ];
    },
  },
  "availability.openingHours.locations": { role: "provider", input: () => NO_INPUT, focused: () => [["as a patient", NO_INPUT, "patient"]] },
  "availability.openingHours.preview": {
    role: "provider",
    input: (d) => ({ locationId: d.locationId ?? randomUUID() }),
    focused: (d) => [
      ["unknown location", { locationId: randomUUID() }],
      ["a service id as location", { locationId: d.serviceId }],
      ["locationId as a number", { locationId: 1 }],
    ],
  },
  "availability.openingHours.seedSchedule": {
    role: "provider",
    input: () => ({ locationId: randomUUID() }),
    focused: (d) => [
      ["the organization's id as location", { locationId: d.organizationId }],
      ["locationId not a uuid", { locationId: "'; DROP TABLE locations; --" }],
      ["as a patient", { locationId: randomUUID() }, "patient"],
    ],
  },
  // --- organizations.closures.*, bookings.affected.* ---
  // Decisions and closures only in 2099, past every service's horizon, so the slot templates of the same
  // run keep their times; cancels name another provider's booking or an unknown closure, never a real cover.
  "organizations.closures.holidays": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2027 }),
    focused: (d) => [
      ["year as text", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: "2027" }],
      ["year 1900", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 1900 }],
      ["the organization's id as location", { organizationId: d.organizationId, locationId: d.organizationId, year: 2027 }],
      ["as a platform admin who is not a member", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2027 }, "admin"],
    ],
  },
  "organizations.closures.decideHolidays": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2099, decisions: [{ startDate: "2099-12-25", decision: "REJECT" }] }),
    focused: (d) => [
      ["a date that is no holiday", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2099, decisions: [{ startDate: "2099-12-24", decision: "REJECT" }] }],
      ["the same date twice", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2099, decisions: [{ startDate: "2099-12-25", decision: "REJECT" }, { startDate: "2099-12-25", decision: "ACCEPT" }] }],
      ["lower-case decision", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2099, decisions: [{ startDate: "2099-12-25", decision: "accept" }] }],
      ["no decisions", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2099, decisions: [] }],
      ["February 30", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), year: 2099, decisions: [{ startDate: "2099-02-30", decision: "REJECT" }] }],
    ],
  },
  "organizations.closures.list": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, from: "2027-01-01", to: "2027-12-31" }),
    focused: (d) => [
      ["backwards range", { organizationId: d.organizationId, from: "2027-12-31", to: "2027-01-01" }],
      ["ten years", { organizationId: d.organizationId, from: "2020-01-01", to: "2029-12-31" }],
      ["unknown location", { organizationId: d.organizationId, locationId: randomUUID(), from: "2027-01-01", to: "2027-01-31" }],
    ],
  },
  "organizations.closures.addClosure": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), startDate: "2099-06-01", endDate: "2099-06-02", name: `${MARKERS.notes} works` }),
    focused: (d) => [
      ["end before start", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), startDate: "2099-06-02", endDate: "2099-06-01", name: "Works" }],
      ["two years long", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), startDate: "2097-01-01", endDate: "2099-01-01", name: "Works" }],
      ["NUL in the name", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), startDate: "2099-06-01", endDate: "2099-06-01", name: "Wo\u0000rks" }],
      ["a 10,000-character name", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), startDate: "2099-06-01", endDate: "2099-06-01", name: "w".repeat(10_000) }],
      ["year 2100", { organizationId: d.organizationId, locationId: d.locationId ?? randomUUID(), startDate: "2100-01-01", endDate: "2100-01-01", name: "Works" }],
    ],
  },
  "organizations.closures.removeClosure": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, closureId: randomUUID() }),
    focused: (d) => [
      ["a booking id as closure", { organizationId: d.organizationId, closureId: d.providerBookingId }],
      ["closureId not a uuid", { organizationId: d.organizationId, closureId: "1 OR 1=1" }],
    ],
  },
  "bookings.affected.byClosure": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, closureId: randomUUID() }),
    focused: (d) => [
      ["the override's id as closure", { organizationId: d.organizationId, closureId: d.overrideId }],
      ["as a patient", { organizationId: d.organizationId, closureId: randomUUID() }, "patient"],
    ],
  },
  "bookings.affected.byTimeOff": {
    role: "provider",
    input: (d) => ({ overrideId: d.overrideId }),
    focused: () => [
      ["unknown override", { overrideId: randomUUID() }],
      ["as a patient", { overrideId: randomUUID() }, "patient"],
    ],
  },
  "bookings.affected.cancelForClosure": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, closureId: randomUUID(), bookingIds: [d.providerBookingId], reason: `${MARKERS.notes} closed` }),
    focused: (d) => [
      ["no bookings", { organizationId: d.organizationId, closureId: randomUUID(), bookingIds: [], reason: "Closed" }],
      ["the same booking twice", { organizationId: d.organizationId, closureId: randomUUID(), bookingIds: [d.providerBookingId, d.providerBookingId], reason: "Closed" }],
      ["201 bookings", { organizationId: d.organizationId, closureId: randomUUID(), bookingIds: Array.from({ length: 201 }, () => randomUUID()), reason: "Closed" }],
      ["an empty reason", { organizationId: d.organizationId, closureId: randomUUID(), bookingIds: [d.providerBookingId], reason: "" }],
    ],
  },
  "bookings.affected.cancelForTimeOff": {
    role: "provider",
    input: (d) => ({ overrideId: d.overrideId, bookingIds: [d.otherProviderBookingId], reason: `${MARKERS.notes} away` }),
    focused: (d) => [
      ["unknown override", { overrideId: randomUUID(), bookingIds: [d.otherProviderBookingId], reason: "Away" }],
      ["a booking id not a uuid", { overrideId: d.overrideId, bookingIds: ["1"], reason: "Away" }],
      ["as a patient", { overrideId: d.overrideId, bookingIds: [d.myBookingId], reason: "Away" }, "patient"],
    ],
  },
  // --- bookings.organizationCalendar.*, availability.organizationSchedule.* ---
  "bookings.organizationCalendar.week": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, weekStart: "2027-03-01", timeZone: "Europe/London" }),
    focused: (d) => [
      ["London's clock-change week", { organizationId: d.organizationId, weekStart: "2026-10-19", timeZone: "Europe/London" }],
      ["a half-hour zone", { organizationId: d.organizationId, weekStart: "2027-03-01", timeZone: "Asia/Kolkata" }],
      ["no zone (the first location's)", { organizationId: d.organizationId, weekStart: "2027-03-01" }],
      ["a zone abbreviation", { organizationId: d.organizationId, weekStart: "2027-03-01", timeZone: "EST" }],
      ["a date that does not exist", { organizationId: d.organizationId, weekStart: "2027-02-30", timeZone: "UTC" }],
      ["the last accepted week", { organizationId: d.organizationId, weekStart: "2099-12-31", timeZone: "Pacific/Kiritimati" }],
      ["another provider as filter", { organizationId: d.organizationId, weekStart: "2027-03-01", providerId: d.otherProviderId }],
      ["an unknown location as filter", { organizationId: d.organizationId, weekStart: "2027-03-01", locationId: randomUUID() }],
      ["page 0", { organizationId: d.organizationId, weekStart: "2027-03-01", page: 0 }],
      ["as a patient", { organizationId: d.organizationId, weekStart: "2027-03-01" }, "patient"],
    ],
  },
  "availability.organizationSchedule.get": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, providerId: d.providerId }),
    focused: (d) => [
      ["another organization's provider", { organizationId: d.organizationId, providerId: d.otherProviderId }],
      ["a booking id as provider", { organizationId: d.organizationId, providerId: d.providerBookingId }],
      ["as a patient", { organizationId: d.organizationId, providerId: d.providerId }, "patient"],
    ],
  },
  "availability.organizationSchedule.save": {
    role: "provider",
    input: (d) => ({
      organizationId: d.organizationId,
      providerId: d.providerId,
      rules: [{ weekday: 1, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: d.locationId ?? randomUUID() }],
    }),
    focused: (d) => [
      ["online hours", { organizationId: d.organizationId, providerId: d.providerId, rules: [{ weekday: 1, startMinute: 540, endMinute: 600, mode: "ONLINE", locationId: null }] }],
      ["an unknown location", { organizationId: d.organizationId, providerId: d.providerId, rules: [{ weekday: 2, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: randomUUID() }] }],
      ["weekday 8", { organizationId: d.organizationId, providerId: d.providerId, rules: [{ weekday: 8, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: d.locationId }] }],
      ["71 intervals", { organizationId: d.organizationId, providerId: d.providerId, rules: Array.from({ length: 71 }, (_, i) => ({ weekday: (i % 7) + 1, startMinute: i, endMinute: i + 1, mode: "IN_PERSON", locationId: d.locationId })) }],
      ["another organization's provider", { organizationId: d.organizationId, providerId: d.otherProviderId, rules: [] }],
      ["as a patient", { organizationId: d.organizationId, providerId: d.providerId, rules: [] }, "patient"],
    ],
  },
  // --- bookings.phone.* ---
  // Phone bookings as the provider, a member of d.organizationId. A confirm names no real hold: finishing the shared
  // guest holds would end the online confirm's and release's fuzzing early.
  "bookings.phone.options": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId }),
    focused: (d) => [
      ["unknown organization", { organizationId: randomUUID() }],
      ["as a patient (not a member)", { organizationId: d.organizationId }, "patient"],
    ],
  },
  "bookings.phone.hold": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, providerId: d.providerId, serviceId: d.serviceId, ...slotTarget(d) }),
    focused: (d) => [
      ...startsAtVariants(d).map(([label, startsAt]): [string, Input] => [label, { organizationId: d.organizationId, providerId: d.providerId, serviceId: d.serviceId, ...slotTarget(d), startsAt }]),
      ["another provider", { organizationId: d.organizationId, providerId: d.otherProviderId, serviceId: d.otherServiceId, ...slotTarget(d) }],
      ["unknown location", { organizationId: d.organizationId, providerId: d.providerId, serviceId: d.serviceId, startsAt: d.slot.startsAt, mode: "IN_PERSON", locationId: randomUUID() }],
      ["unknown organization", { organizationId: randomUUID(), providerId: d.providerId, serviceId: d.serviceId, ...slotTarget(d) }],
      ["as a patient (not a member)", { organizationId: d.organizationId, providerId: d.providerId, serviceId: d.serviceId, ...slotTarget(d) }, "patient"],
    ],
  },
  "bookings.phone.requestCode": {
    role: "provider",
    input: (d) => ({ organizationId: d.organizationId, holdId: d.releasableHoldId, holdToken: d.releasableHoldToken, channel: "EMAIL", contact }),
    focused: (d) => {
      const hold = { organizationId: d.organizationId, holdId: d.releasableHoldId, holdToken: d.releasableHoldToken };
      return [
        ["SMS to the marker phone", { ...hold, channel: "SMS", contact }],
        ["SMS without a phone", { ...hold, channel: "SMS", contact: { ...contact, phone: "" } }],
        ["phone national, GB", { ...hold, channel: "SMS", contact: { ...contact, phone: "07700 900999", phoneCountry: "GB" } }],
        ["the verified guest hold", { organizationId: d.organizationId, holdId: d.holdId, holdToken: d.holdToken, channel: "EMAIL", contact }],
        ["a booked hold", { organizationId: d.organizationId, holdId: d.bookedHoldId, holdToken: d.bookedHoldToken, channel: "EMAIL", contact }],
        ["manage token as hold token", { organizationId: d.organizationId, holdId: d.bookedHoldId, holdToken: d.manageToken, channel: "EMAIL", contact }],
      ];
    },
  },
  "bookings.phone.confirm": {
    role: "provider",
    input: (d) => ({
      organizationId: d.organizationId,
      holdId: randomUUID(),
      holdToken: d.releasableHoldToken,
      contact,
      notes: MARKERS.notes,
      consent: true,
      patientTimeZone: "Europe/London",
      contactTakenByStaff: true,
    }),
    focused: (d) => {
      const base = { organizationId: d.organizationId, holdId: randomUUID(), holdToken: d.releasableHoldToken, contact, notes: MARKERS.notes, consent: true, patientTimeZone: "Europe/London" };
      return [
        ["neither code nor staff's word", base],
        ["code and staff's word", { ...base, code: d.contactCode, contactTakenByStaff: true }],
        ["wrong code", { ...base, code: "000000" }],
        ["contactTakenByStaff 'yes'", { ...base, contactTakenByStaff: "yes" }],
        ["no phone", { ...base, contact: { ...contact, phone: "" }, contactTakenByStaff: true }],
        ["consent false", { ...base, consent: false, contactTakenByStaff: true }],
        ["notes 1001 chars", { ...base, notes: `${MARKERS.notes} ${"n".repeat(1000)}`, contactTakenByStaff: true }],
        ["a booked hold", { ...base, holdId: d.bookedHoldId, holdToken: d.bookedHoldToken, contactTakenByStaff: true }],
        ["as a patient (not a member)", { ...base, contactTakenByStaff: true }, "patient"],
      ];
    },
  },
};

/** Values that replace one field at a time. */
function hostileValues(): Array<[string, Input]> {
  const deep = (depth: number): unknown => {
    let value: unknown = MARKERS.notes;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };
  return [
    ["null", null],
    ["undefined (superjson)", undefined],
    ["true", true],
    ["0", 0],
    ["-1", -1],
    ["1.5", 1.5],
    ["1e308", 1e308],
    ["-1e308", -1e308],
    ["2^53+1", 2 ** 53 + 1],
    ["NaN (superjson)", Number.NaN],
    ["Infinity (superjson)", Number.POSITIVE_INFINITY],
    ["-0 (superjson)", -0],
    ["BigInt 10^30 (superjson)", 10n ** 30n],
    ["'1'", "1"],
    ["'NaN'", "NaN"],
    ["'Infinity'", "Infinity"],
    ["''", ""],
    ["'   '", "   "],
    ["100 kB string", `${MARKERS.notes} ${"x".repeat(100_000)}`],
    ["5 kB string", `${MARKERS.name} ${"y".repeat(5_000)}`],
    ["NUL", "\u0000"],
    ["marker + NUL", `${MARKERS.name}\u0000${MARKERS.notes}`],
    ["RTL override", "\u202Egnp.exe"],
    ["emoji x300", "🩺".repeat(300)],
    ["lone surrogate", "\uD800"],
    ["zero-width + BOM", "\u200B\u200D\uFEFF"],
    ["combining marks", "e\u0301".repeat(200)],
    ["Turkish dotted I", "İSTANBUL"],
    ["SQL quote", "' OR 1=1; --"],
    ["[]", []],
    ["[1,2]", [1, 2]],
    ["{}", {}],
    ["nested array depth 500", deep(500)],
    ["Set (superjson)", new Set([1, 2])],
    ["Map (superjson)", new Map([["a", 1]])],
    ["RegExp (superjson)", /x+/g],
    ["'9999-12-31T00:00:00Z'", "9999-12-31T00:00:00Z"],
    ["'+010000-01-01T00:00:00Z'", "+010000-01-01T00:00:00Z"],
    ["'0000-01-01'", "0000-01-01"],
    ["'2026-13-45T25:61:00Z'", "2026-13-45T25:61:00Z"],
    ["Date 9999-12-31 (superjson)", new Date("9999-12-31T00:00:00Z")],
    ["Date +275760 (superjson)", new Date(8.64e15)],
    ["Date -271821 (superjson)", new Date(-8.64e15)],
    ["Invalid Date (superjson)", new Date(Number.NaN)],
    ["nil uuid", "00000000-0000-0000-0000-000000000000"],
    ["max uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff"],
    ["uuid upper case", randomUUID().toUpperCase()],
    ["uuid + NUL", `${randomUUID()}\u0000`],
    ["uuid in braces", `{${randomUUID()}}`],
    ["not a uuid", "not-a-uuid"],
    ["marker name", MARKERS.name],
    ["marker email", MARKERS.email],
    ["marker phone", MARKERS.phone],
    ["__proto__ object", JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')],
  ];
}

/** Whole-input replacements, as wire text (null: no input at all). */
function wholeInputs(template: Input): Array<[string, string | null]> {
  const base = template === NO_INPUT ? {} : template;
  const withKey = (key: string, value: unknown) => {
    const copy = encodeValue(base, [], []) as Record<string, unknown>;
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    return JSON.stringify({ json: copy });
  };
  const deepJson = (depth: number) => `{"json":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  return [
    ["no input", null],
    ["null", JSON.stringify({ json: null })],
    ["[]", JSON.stringify({ json: [] })],
    ["string", JSON.stringify({ json: MARKERS.notes })],
    ["number", JSON.stringify({ json: 42 })],
    ["{}", JSON.stringify({ json: {} })],
    ["extra key", withKey("extraField", MARKERS.notes)],
    ["__proto__ key", withKey("__proto__", { polluted: true, isAdmin: true })],
    ["constructor.prototype key", withKey("constructor", { prototype: { polluted: true } })],
    ["bare input without {json}", JSON.stringify(encodeValue(base, [], []))],
    ["json array nested 2,000 deep", deepJson(2_000)],
    ["meta __proto__ path", JSON.stringify({ json: encodeValue(base, [], []), meta: { values: { "__proto__.polluted": ["Date"] } } })],
    ["meta constructor.prototype path", JSON.stringify({ json: encodeValue(base, [], []), meta: { values: { "constructor.prototype.polluted": ["set"] } } })],
    ["meta unregistered class", JSON.stringify({ json: {}, meta: { values: ["class", "Booking"] } })],
    ["meta unregistered custom", JSON.stringify({ json: "x", meta: { values: ["custom", "Decimal"] } })],
    ["meta unknown type", JSON.stringify({ json: "x", meta: { values: ["nonsense"] } })],
    ["meta referential equalities", JSON.stringify({ json: { a: {}, b: null }, meta: { referentialEqualities: { a: ["b", "__proto__"] } } })],
    ["meta values not an object", JSON.stringify({ json: {}, meta: { values: 7 } })],
  ];
}

/**
 * superjson's wire form of a value, written by hand so that it can also carry what superjson
 * itself refuses to write (Invalid Date) and own `__proto__` keys.
 */
export function encodeValue(value: unknown, path: string[], meta: Array<[string[], string]>): unknown {
  if (value instanceof Date) {
    meta.push([path, "Date"]);
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  }
  if (typeof value === "bigint") {
    meta.push([path, "bigint"]);
    return value.toString();
  }
  if (value === undefined) {
    meta.push([path, "undefined"]);
    return null;
  }
  if (typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))) {
    meta.push([path, "number"]);
    return Object.is(value, -0) ? "-0" : String(value);
  }
  if (value instanceof Set) {
    meta.push([path, "set"]);
    return [...value];
  }
  if (value instanceof Map) {
    meta.push([path, "map"]);
    return [...value.entries()];
  }
  if (value instanceof RegExp) {
    meta.push([path, "regexp"]);
    return String(value);
  }
  if (Array.isArray(value)) return value.map((item, index) => encodeValue(item, [...path, String(index)], meta));
  if (value !== null && typeof value === "object") {
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) out[key] = encodeValue((value as Record<string, unknown>)[key], [...path, key], meta);
    return out;
  }
  return value;
}

export function toWire(value: unknown): string {
  const meta: Array<[string[], string]> = [];
  const json = encodeValue(value, [], meta);
  if (meta.length === 0) return JSON.stringify({ json });
  const root = meta.find(([path]) => path.length === 0);
  const values = root
    ? [root[1]]
    : Object.fromEntries(meta.map(([path, type]) => [path.map((key) => key.replaceAll(".", "\\.")).join("."), [type]]));
  return JSON.stringify({ json, meta: { values } });
}

export function trpcRequest(options: {
  procedure: string;
  type: ProcedureType;
  wire: string | null;
  label: string;
  role: Role;
  method?: FuzzRequest["method"];
}): FuzzRequest {
  const method = options.method ?? (options.type === "query" ? "GET" : "POST");
  const base = `/api/trpc/${options.procedure}`;
  if (method === "GET") {
    return {
      procedure: options.procedure,
      label: options.label,
      method,
      path: options.wire === null ? base : `${base}?input=${encodeURIComponent(options.wire)}`,
      role: options.role,
    };
  }
  return {
    procedure: options.procedure,
    label: options.label,
    method,
    path: base,
    headers: { "content-type": "application/json" },
    body: options.wire ?? undefined,
    role: options.role,
  };
}

/** Every path to a replaceable field: top-level keys, and one level into objects and first array items. */
function fieldPaths(value: unknown): string[][] {
  if (value === null || typeof value !== "object" || value instanceof Date) return [];
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    paths.push([key]);
    const inner = Array.isArray(child) ? child[0] : child;
    const prefix = Array.isArray(child) ? [key, "0"] : [key];
    if (inner !== null && typeof inner === "object" && !(inner instanceof Date) && !Array.isArray(inner)) {
      for (const innerKey of Object.keys(inner)) paths.push([...prefix, innerKey]);
    }
  }
  return paths;
}

const DELETE = Symbol("delete");

function replaceAt(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (replacement === DELETE) delete target[last];
  else target[last] = replacement;
  return copy;
}

/** A deterministic PRNG (mulberry32), so that a run can be repeated with FUZZ_SEED. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * The requests for one procedure: focused inputs, whole-input replacements, then field
 * replacements (sampled down to `perProcedure` in all), a few as the wrong role.
 */
export function procedureRequests(options: {
  procedure: string;
  type: ProcedureType;
  discovery: Discovery;
  perProcedure: number;
  random: () => number;
}): FuzzRequest[] {
  const { procedure, type, discovery } = options;
  const template = TEMPLATES[procedure] ?? { role: "anonymous" as const, input: () => ({}) };
  const input = template.input(discovery);
  const make = (label: string, wire: string | null, role: Role = template.role) => trpcRequest({ procedure, type, wire, label, role });

  const fixed: FuzzRequest[] = [
    make("valid-looking input", input === NO_INPUT ? null : toWire(input)),
    ...(template.focused?.(discovery) ?? []).map(([label, value, role]) => make(role ? `${label} [as ${role}]` : label, toWire(value), role)),
    ...wholeInputs(input).map(([label, wire]) => make(`whole input: ${label}`, wire)),
  ];
  // The role boundary: a stranger on a signed-in procedure, a patient on a provider's one.
  if (template.role !== "anonymous") fixed.push(make("valid-looking input, anonymous", input === NO_INPUT ? null : toWire(input), "anonymous"));
  if (template.role === "provider" || template.role === "admin") fixed.push(make("valid-looking input, as a patient", input === NO_INPUT ? null : toWire(input), "patient"));

  const fields: FuzzRequest[] = [];
  if (input !== NO_INPUT) {
    for (const path of fieldPaths(input)) {
      const name = path.join(".");
      fields.push(make(`${name}: missing`, toWire(replaceAt(input, path, DELETE))));
      for (const [label, value] of hostileValues()) fields.push(make(`${name}: ${label}`, toWire(replaceAt(input, path, value))));
    }
  }
  const room = Math.max(0, options.perProcedure - fixed.length);
  return [...fixed, ...shuffle(fields, options.random).slice(0, room)];
}

/** Requests that break the HTTP contract rather than one procedure's input. */
export function protocolRequests(options: { queries: string[]; mutations: string[]; discovery: Discovery }): FuzzRequest[] {
  const { queries, mutations } = options;
  const query = "providers.list";
  const mutation = "bookings.confirm";
  const confirmWire = toWire(TEMPLATES[mutation]!.input(options.discovery));
  const listWire = toWire({ page: 1 });
  const post = (path: string, body: string | Uint8Array<ArrayBuffer> | undefined, contentType: string | null, label: string, procedure = "(protocol)"): FuzzRequest => ({
    procedure,
    label,
    method: "POST",
    path,
    headers: contentType === null ? {} : { "content-type": contentType },
    body,
    role: "anonymous",
  });
  const get = (path: string, label: string, procedure = "(protocol)", headers?: Record<string, string>): FuzzRequest => ({
    procedure,
    label,
    method: "GET",
    path,
    headers,
    role: "anonymous",
  });
  const batchPaths = (paths: string[]) => `/api/trpc/${paths.join(",")}?batch=1`;
  const batchInput = (wires: string[]) => `{${wires.map((wire, index) => `"${index}":${wire}`).join(",")}}`;
  const requests: FuzzRequest[] = [];

  for (const path of mutations) requests.push(trpcRequest({ procedure: path, type: "mutation", wire: confirmWire, label: "GET on a mutation", role: "anonymous", method: "GET" }));
  for (const path of queries) requests.push(trpcRequest({ procedure: path, type: "query", wire: listWire, label: "POST on a query", role: "anonymous", method: "POST" }));
  for (const method of ["PUT", "DELETE", "PATCH"] as const) {
    requests.push({ procedure: mutation, label: `${method} on a mutation`, method, path: `/api/trpc/${mutation}`, headers: { "content-type": "application/json" }, body: confirmWire, role: "anonymous" });
  }

  const contentTypes: Array<string | null> = [
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=fuzz",
    "application/octet-stream",
    "application/json; charset=utf-16",
    "APPLICATION/JSON",
    "application/json, text/plain",
    "application/xml",
    null,
  ];
  for (const contentType of contentTypes) {
    requests.push(post(`/api/trpc/${mutation}`, contentType === null ? new TextEncoder().encode(confirmWire) : confirmWire, contentType, `content type ${contentType ?? "(none)"}`, mutation));
  }
  requests.push(post(`/api/trpc/${mutation}`, `--fuzz\r\nContent-Disposition: form-data; name="notes"\r\n\r\n${MARKERS.notes}\r\n--fuzz--\r\n`, "multipart/form-data; boundary=fuzz", "multipart form with notes", mutation));
  requests.push(post(`/api/trpc/${mutation}`, `notes=${MARKERS.notes}&name=${encodeURIComponent(MARKERS.name)}`, "application/x-www-form-urlencoded", "urlencoded form with notes", mutation));

  const malformed: Array<[string, string | Uint8Array<ArrayBuffer>]> = [
    ["truncated JSON", confirmWire.slice(0, Math.floor(confirmWire.length / 2))],
    ["not JSON", `name=${MARKERS.name}`],
    ["empty body", ""],
    ["JSON null", "null"],
    ["JSON array", "[]"],
    ["JSON 1e999", '{"json":1e999}'],
    ["BOM then JSON", `\uFEFF${confirmWire}`],
    ["trailing garbage", `${confirmWire}}}}`],
    ["duplicate keys", `{"json":{"notes":"a","notes":"${MARKERS.notes}"},"json":null}`],
    ["invalid UTF-8 bytes", new Uint8Array([0x7b, 0x22, 0x6a, 0x73, 0x6f, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d])],
    ["UTF-16 text", Buffer.from(confirmWire, "utf16le")],
    ["JSON nested 100,000 deep", `{"json":${"[".repeat(100_000)}${"]".repeat(100_000)}}`],
    ["object nested 50,000 deep", `{"json":${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}}`],
    ["1 MB of spaces then JSON", `${" ".repeat(1_000_000)}${confirmWire}`],
  ];
  for (const [label, body] of malformed) requests.push(post(`/api/trpc/${mutation}`, body, "application/json", `malformed: ${label}`, mutation));
  requests.push(post(`/api/trpc/${mutation}`, JSON.stringify({ json: { notes: `${MARKERS.notes} ${"z".repeat(12_000_000)}`, contact: { name: MARKERS.name } } }), "application/json", "oversized body 12 MB", mutation));

  const badGets: Array<[string, string]> = [
    [`/api/trpc/${query}?input=%E0%A4%A`, "broken percent-encoding"],
    [`/api/trpc/${query}?input=`, "empty input parameter"],
    [`/api/trpc/${query}?input=undefined`, "input=undefined"],
    [`/api/trpc/${query}?input=${encodeURIComponent(listWire)}&input=${encodeURIComponent('{"json":null}')}`, "input given twice"],
    [`/api/trpc/${query}?input=${encodeURIComponent(`{"json":${"[".repeat(3_000)}${"]".repeat(3_000)}}`)}`, "input nested 3,000 deep"],
    [`/api/trpc/${query}?input=${encodeURIComponent(JSON.stringify({ json: { query: "q".repeat(100_000) } }))}`, "100 kB query string"],
    [`/api/trpc/${query}?batch=1&input=${encodeURIComponent(listWire)}`, "batch=1, input not keyed"],
    [`/api/trpc/${query}?batch=1&input=${encodeURIComponent('{"5":{"json":{}}}')}`, "batch=1, key out of range"],
    [`/api/trpc/${query},${query}?input=${encodeURIComponent(listWire)}`, "two paths without batch"],
    [`/api/trpc/${query}?batch=true&input=${encodeURIComponent(batchInput([listWire]))}`, "batch=true"],
    [`/api/trpc/${query}?batch=1&input=${encodeURIComponent('{"__proto__":{"json":{}},"0":{"json":{}}}')}`, "batch input with __proto__ key"],
  ];
  for (const [path, label] of badGets) requests.push(get(path, label, query));

  // Batches: the limit (10), over it, a batch of 50 mixed, and every procedure in one batch.
  const fifty = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? query : "providers.specialties"));
  requests.push(get(`${batchPaths(fifty)}&input=${encodeURIComponent(batchInput(fifty.map(() => listWire)))}`, "batch of 50 queries"));
  requests.push(post(batchPaths(Array(50).fill(mutation)), batchInput(Array(50).fill(confirmWire)), "application/json", "batch of 50 confirms"));
  requests.push(get(`${batchPaths(Array(10).fill(query))}&input=${encodeURIComponent(batchInput(Array(10).fill(listWire)))}`, "batch of 10 queries"));
  requests.push(get(`${batchPaths(Array(11).fill(query))}&input=${encodeURIComponent(batchInput(Array(11).fill(listWire)))}`, "batch of 11 queries"));
  requests.push(post(batchPaths([mutation, query]), batchInput([confirmWire, listWire]), "application/json", "batch mixing a mutation and a query"));
  requests.push(get(`${batchPaths(queries.slice(0, 10))}&input=${encodeURIComponent(batchInput(queries.slice(0, 10).map(() => '{"json":{}}')))}`, "batch of 10 different queries"));
  requests.push(get(`${batchPaths(Array(10_000).fill("health"))}`, "batch of 10,000 health calls"));
  requests.push(post(batchPaths(Array(10).fill(mutation)), batchInput(Array(10).fill('{"json":' + "[".repeat(5_000) + "]".repeat(5_000) + "}")), "application/json", "batch of 10 deep inputs"));

  const unknownPaths = [
    "constructor",
    "__proto__",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "_def",
    "health.constructor",
    "bookings.hold.__proto__",
    "bookings.__proto__.hold",
    "bookings",
    "bookings.",
    ".health",
    "bookings.nothingHere",
    "%00",
    "health%00",
    "..%2F..%2Fetc%2Fpasswd",
    "a".repeat(5_000),
    encodeURIComponent(MARKERS.name),
  ];
  for (const path of unknownPaths) {
    requests.push(get(`/api/trpc/${path}`, `unknown path GET ${path.slice(0, 40)}`));
    requests.push(post(`/api/trpc/${path}`, confirmWire, "application/json", `unknown path POST ${path.slice(0, 40)}`));
  }
  requests.push(get("/api/trpc", "endpoint without a path"));
  requests.push(get("/api/trpc/", "endpoint with a trailing slash"));

  // Headers that feed the client key and the request id.
  const headerCases: Array<[string, Record<string, string>]> = [
    ["x-forwarded-for garbage", { "x-forwarded-for": `${MARKERS.name}, <script>` }],
    ["x-forwarded-for 2,000 entries", { "x-forwarded-for": Array.from({ length: 2_000 }, (_, i) => `10.0.${i % 250}.${i % 200}`).join(", ") }],
    ["x-forwarded-for IPv6 with zone", { "x-forwarded-for": "fe80::1%eth0" }],
    ["x-request-id with marker", { "x-request-id": `${MARKERS.email} ${MARKERS.notes}` }],
    ["x-request-id 8 kB", { "x-request-id": "r".repeat(8_000) }],
    ["cookie: bogus session token", { cookie: `next-auth.session-token=${MARKERS.notes}` }],
    ["cookie: 100 cookies", { cookie: Array.from({ length: 100 }, (_, i) => `c${i}=${MARKERS.notes}`).join("; ") }],
  ];
  for (const [label, headers] of headerCases) requests.push(get(`/api/trpc/${query}?input=${encodeURIComponent(listWire)}`, label, query, headers));
  return requests;
}
