import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SKIP_ENV_VALIDATION = "1";
  process.env.NEXTAUTH_URL = "https://medbookings.example";
  process.env.NEXTAUTH_SECRET = "unit-tests-only-secret-0123456789abcdef";
});

const { checkPatientCardLink, patientCardLink, PATIENT_CARD_LINK_SECONDS } = await import("./patient-card-link");

const BOOKING = "3f0c2b1a-9d8e-4f7a-8b6c-5d4e3f2a1b0c";
const NOW = new Date("2027-03-01T08:00:00.250Z");
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

function query(link: string) {
  const url = new URL(link);
  return { expires: url.searchParams.get("expires"), sig: url.searchParams.get("sig") };
}

describe("patientCardLink", () => {
  it("points at the card route with an expiry 15 minutes on and a signature", () => {
    const link = new URL(patientCardLink({ bookingId: BOOKING, now: NOW }));

    expect(PATIENT_CARD_LINK_SECONDS).toBe(900);
    expect(`${link.origin}${link.pathname}`).toBe(`https://medbookings.example/api/contact-cards/${BOOKING}`);
    expect(link.searchParams.get("expires")).toBe(String(NOW_SECONDS + 900));
    expect(link.searchParams.get("sig")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("is valid until its expiry second and expired from the next", () => {
    const { expires, sig } = query(patientCardLink({ bookingId: BOOKING, now: NOW }));
    const at = (seconds: number) => new Date((NOW_SECONDS + seconds) * 1000);

    expect(checkPatientCardLink({ bookingId: BOOKING, expires, sig, now: NOW })).toBe("valid");
    expect(checkPatientCardLink({ bookingId: BOOKING, expires, sig, now: at(900) })).toBe("valid");
    expect(checkPatientCardLink({ bookingId: BOOKING, expires, sig, now: at(901) })).toBe("expired");
  });

  it("is invalid for another booking, a changed expiry, a changed or foreign signature, or missing parts", () => {
    const { expires, sig } = query(patientCardLink({ bookingId: BOOKING, now: NOW }));
    const later = String(Number(expires) + 3600);
    const flipped = `${sig!.slice(0, -1)}${sig!.endsWith("A") ? "B" : "A"}`;
    const foreign = createHmac("sha256", "some-other-secret-0123456789abcdefgh").update(`contact-card:patient:${BOOKING}:${expires}`).digest("base64url");

    for (const attempt of [
      { bookingId: "3f0c2b1a-9d8e-4f7a-8b6c-5d4e3f2a1b0d", expires, sig },
      { bookingId: BOOKING, expires: later, sig },
      { bookingId: BOOKING, expires, sig: flipped },
      { bookingId: BOOKING, expires, sig: foreign },
      { bookingId: BOOKING, expires: null, sig },
      { bookingId: BOOKING, expires, sig: null },
      { bookingId: BOOKING, expires: "-1", sig },
      { bookingId: BOOKING, expires, sig: `${sig}=` },
    ]) {
      expect(checkPatientCardLink({ ...attempt, now: NOW })).toBe("invalid");
    }
  });

  it("calls a forged link invalid even after its claimed expiry, never merely expired", () => {
    const { expires } = query(patientCardLink({ bookingId: BOOKING, now: NOW }));
    expect(checkPatientCardLink({ bookingId: BOOKING, expires, sig: "A".repeat(43), now: new Date(NOW.getTime() + 3_600_000) })).toBe("invalid");
  });
});
