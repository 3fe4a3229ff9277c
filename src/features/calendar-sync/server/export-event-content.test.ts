import { describe, expect, it } from "vitest";
import { eventContentFor, eventIdFor } from "./export-event-content";
import type { BookingForExport } from "./export-repository";
import { MEET_MAX_POLLS, meetPollDelayMs } from "./meet-link";

function booking(overrides: Partial<BookingForExport> = {}): BookingForExport {
  return {
    id: "6f1c2a9e-3b7d-4c55-9a61-0d2f8e4b7c10",
    providerId: "p1",
    status: "CONFIRMED",
    mode: "IN_PERSON",
    locationId: "2b1d6c0e-7f3a-4e8b-9c21-5a4d3e2f1b00",
    startsAt: new Date("2027-03-02T09:00:00Z"),
    endsAt: new Date("2027-03-02T09:30:00Z"),
    providerTimeZone: "Europe/Berlin",
    location: { name: "Harbour Health King's Cross", formattedAddress: "1 Pancras Square, London N1C 4AG", timeZone: "Europe/London" },
    patient: { name: "Zelda Quixotic", email: "zelda.private@example.org" },
    invitePatient: false,
    event: null,
    ...overrides,
  };
}

describe("eventIdFor", () => {
  it("is the booking's UUID without dashes: base32hex, 32 characters, the same every time", () => {
    expect(eventIdFor("6F1C2A9E-3B7D-4C55-9A61-0D2F8E4B7C10")).toBe("6f1c2a9e3b7d4c559a610d2f8e4b7c10");
    expect(eventIdFor(booking().id)).toMatch(/^[0-9a-v]{5,1024}$/);
  });
});

describe("eventContentFor", () => {
  it("names the place, never the service or the patient; the address goes in the location", () => {
    const content = eventContentFor(booking(), "https://medbookings.example/");
    expect(content.title).toBe("MedBookings appointment (Harbour Health King's Cross)");
    expect(content.location).toBe("Harbour Health King's Cross, 1 Pancras Square, London N1C 4AG");
    expect(content.description).toBe("Booked on MedBookings.\nDetails and patient contact: https://medbookings.example/provider/bookings");
    expect(JSON.stringify(content)).not.toMatch(/Zelda|zelda\.private/);
    expect(content).toMatchObject({ timeZone: "Europe/London", withMeet: false, sendUpdates: "none", attendees: undefined });
  });

  it("asks for a Meet link for an online visit, in the provider's zone, without a location", () => {
    const content = eventContentFor(booking({ mode: "ONLINE", location: null }), "https://medbookings.example");
    expect(content).toMatchObject({ title: "MedBookings appointment (online)", location: undefined, timeZone: "Europe/Berlin", withMeet: true });
    expect(content.description).toContain("Online visit.");
  });

  it("invites the patient (and lets Google email them) only when the provider opted in and there is an address", () => {
    expect(eventContentFor(booking({ invitePatient: true }), "https://m.example")).toMatchObject({
      attendees: [{ email: "zelda.private@example.org", displayName: "Zelda Quixotic" }],
      sendUpdates: "all",
    });
    expect(eventContentFor(booking({ invitePatient: true, patient: { name: null, email: null } }), "https://m.example")).toMatchObject({ attendees: undefined, sendUpdates: "none" });
  });
});

describe("meetPollDelayMs", () => {
  it("doubles from 2 s to a 30 s cap, and all polls fit in the 3 minutes a confirmation waits", () => {
    expect([1, 2, 3, 4, 5, 6].map(meetPollDelayMs)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    const total = Array.from({ length: MEET_MAX_POLLS }, (_, i) => meetPollDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(3 * 60_000);
  });
});
