import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { zodFieldErrors } from "@/server/trpc/error-map";
import { bookings, contactVerifications, outboxEvents, users } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { currentContactCode, verifyGuestContact } from "@/test/verify-guest";
import { verificationCode } from "./verification-code";

/**
 * Guests prove the email or phone of their booking with a one-time code before it is confirmed:
 * the gate on confirm, the code's expiry, tries and resends, the hold kept while they type, and
 * the outbox event the sender works from.
 */
let db: TestDatabase;
let world: BookingWorld;
const clock = { now: MONDAY_0800 };
const now = () => clock.now;
const guest = { name: "Gail Guest", email: "Gail.Guest@Example.test", phone: "+447700900001" };
const minutes = (n: number) => n * 60_000;
const at = (ms: number) => new Date(MONDAY_0800.getTime() + ms);

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
});
afterAll(() => db.drop());

const visitor = () => callerFor(db.db, anonymous, now, { ip: nextClientIp() });
type Visitor = ReturnType<typeof visitor>;

let dayOffset = 0;
/** A fresh in-person time for each hold: 09:00–12:00 on the weekdays after the first Tuesday. */
function nextSlot() {
  const weekdays = ["2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-08", "2027-03-09", "2027-03-10", "2027-03-11", "2027-03-12"];
  const day = weekdays[Math.floor(dayOffset / 7)]!;
  const hour = 9 + Math.floor((dayOffset % 7) / 2);
  const minute = (dayOffset % 7) % 2 === 0 ? "00" : "30";
  dayOffset += 1;
  return { providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date(`${day}T${String(hour).padStart(2, "0")}:${minute}:00Z`), mode: "IN_PERSON" as const, locationId: world.location.id };
}

async function holdAs(caller: Visitor = visitor()) {
  const slot = nextSlot();
  const hold = await caller.bookings.hold(slot);
  return { caller, hold, slot, ref: { holdId: hold.holdId, holdToken: hold.holdToken } };
}

const confirmInput = (hold: { holdId: string; holdToken: string }, contact: typeof guest = guest) => ({
  holdId: hold.holdId,
  holdToken: hold.holdToken,
  contact,
  consent: true as const,
  patientTimeZone: "Europe/London",
});

const requestCode = (caller: Visitor, hold: { holdId: string; holdToken: string }, channel: "EMAIL" | "SMS" = "EMAIL", contact: typeof guest = guest) =>
  caller.bookings.requestContactCode({ ...hold, channel, contact });

/** The AppError under a tRPC error: its code, message and details. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (caught: unknown) => caught,
  );
  const trpcCode = (error as { code?: string }).code;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof ZodError) return { trpcCode, appCode: "VALIDATION", message: "", details: { fieldErrors: zodFieldErrors(cause) } };
  const appError = cause as { code: string; message: string; details?: Record<string, unknown> } | undefined;
  return { trpcCode, appCode: appError?.code, message: appError?.message ?? (error as Error).message, details: appError?.details ?? {} };
}

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

async function verificationsOf(holdId: string) {
  return db.db.select().from(contactVerifications).where(eq(contactVerifications.bookingId, holdId)).orderBy(contactVerifications.createdAt);
}

describe("the confirm gate", () => {
  it("refuses a guest who has not proven their contact, with a field message on the code", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    const refused = await refusal(caller.bookings.confirm(confirmInput(ref)));
    expect(refused).toMatchObject({ trpcCode: "PRECONDITION_FAILED", appCode: "PRECONDITION_FAILED", message: expect.stringMatching(/confirm your email address or phone number/) });
    expect(refused.details).toMatchObject({ verificationRequired: true, fieldErrors: { code: [expect.stringMatching(/ask for a code/)] } });
    // Asked for but not entered is not proven either.
    await requestCode(caller, ref);
    await expect(caller.bookings.confirm(confirmInput(ref))).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const [row] = await db.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, ref.holdId));
    expect(row?.status).toBe("HELD");
  });

  it("confirms once the code sent by email is entered (spaces allowed), and keeps the contact as typed", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    const sent = await requestCode(caller, ref);
    expect(sent).toMatchObject({ channel: "EMAIL", maskedAddress: "g***@example.test", isVerified: false, attemptsLeft: 5, sendsLeft: 4, resendAfterSeconds: 30 });
    expect(sent.codeExpiresAt).toEqual(at(minutes(10)));
    const code = (await currentContactCode(db.db, ref.holdId))!;
    const verified = await caller.bookings.verifyContactCode({ ...ref, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(verified).toMatchObject({ isVerified: true, maskedAddress: "g***@example.test" });
    const booking = await caller.bookings.confirm(confirmInput(ref));
    expect(booking.status).toBe("CONFIRMED");
    const [row] = await db.db.select({ guestEmail: bookings.guestEmail }).from(bookings).where(eq(bookings.id, booking.id));
    expect(row?.guestEmail).toBe("Gail.Guest@Example.test");
    const [verification] = await verificationsOf(ref.holdId);
    expect(verification).toMatchObject({ channel: "EMAIL", address: "gail.guest@example.test", sendCount: 1, attempts: 0, verifiedAt: MONDAY_0800 });
  });

  it("confirms with a code sent by text message to the booking's phone", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    const sent = await caller.bookings.requestContactCode({ ...ref, channel: "SMS", contact: { ...guest, phone: "07700 900456", phoneCountry: "GB" } });
    expect(sent).toMatchObject({ channel: "SMS", maskedAddress: "+44 ******0456" });
    const [row] = await verificationsOf(ref.holdId);
    expect(row).toMatchObject({ channel: "SMS", address: "+447700900456" });
    await caller.bookings.verifyContactCode({ ...ref, code: verificationCode(row!.id, 1) });
    await expect(caller.bookings.confirm(confirmInput(ref, { ...guest, phone: "+44 7700 900456" }))).resolves.toMatchObject({ status: "CONFIRMED" });
  });

  it("does not accept a proof for another address: a changed email or phone needs its own code", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await verifyGuestContact(caller, db.db, ref, guest);
    const changed = { ...guest, email: "someone.else@example.test" };
    const refused = await refusal(caller.bookings.confirm(confirmInput(ref, changed)));
    expect(refused).toMatchObject({ appCode: "PRECONDITION_FAILED", message: expect.stringMatching(/not the one in your details now/) });

    // A new address starts a new verification: the first address's code no longer verifies it.
    clock.now = at(minutes(1));
    const firstCode = (await currentContactCode(db.db, ref.holdId))!;
    const fresh = await requestCode(caller, ref, "EMAIL", changed);
    expect(fresh).toMatchObject({ isVerified: false, maskedAddress: "s***@example.test", sendsLeft: 3 });
    const rows = await verificationsOf(ref.holdId);
    expect(rows.map((r) => r.address)).toEqual(["gail.guest@example.test", "someone.else@example.test"]);
    const newCode = (await currentContactCode(db.db, ref.holdId))!;
    expect(newCode).toBe(verificationCode(rows[1]!.id, 1));
    expect(newCode).not.toBe(firstCode);
    await expect(caller.bookings.verifyContactCode({ ...ref, code: firstCode })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Switching the channel is a new verification too.
    clock.now = at(minutes(2));
    await expect(requestCode(caller, ref, "SMS", changed)).resolves.toMatchObject({ channel: "SMS", sendsLeft: 2 });
    expect(await verificationsOf(ref.holdId)).toHaveLength(3);
    // Going back to the address proven first needs no new code.
    await expect(caller.bookings.confirm(confirmInput(ref, guest))).resolves.toMatchObject({ status: "CONFIRMED" });
  });

  it("lets a signed-in patient with a verified email confirm without a code, and refuses to send one", async () => {
    clock.now = MONDAY_0800;
    const patient = callerFor(db.db, asUser(world.patient), now, { ip: nextClientIp() });
    const { ref } = await holdAs(patient);
    await expect(patient.bookings.requestContactCode({ ...ref, channel: "EMAIL" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/No code is needed/),
    });
    await expect(patient.bookings.confirm({ ...ref, consent: true, patientTimeZone: "Europe/London" })).resolves.toMatchObject({ status: "CONFIRMED" });
    expect(await verificationsOf(ref.holdId)).toHaveLength(0);
  });

  it("makes a signed-in patient without a verified email prove it: the code goes to the account's email", async () => {
    clock.now = MONDAY_0800;
    await db.db.update(users).set({ emailVerified: null }).where(eq(users.id, world.otherPatient.id));
    const patient = callerFor(db.db, asUser(world.otherPatient), now, { ip: nextClientIp() });
    const { ref } = await holdAs(patient);
    const confirm = () => patient.bookings.confirm({ ...ref, consent: true, patientTimeZone: "Europe/London" });
    await expect(confirm()).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    // No phone on the account: a text message cannot be sent.
    const noPhone = await refusal(patient.bookings.requestContactCode({ ...ref, channel: "SMS" }));
    expect(noPhone).toMatchObject({ appCode: "VALIDATION", details: { fieldErrors: { "contact.phone": [expect.stringMatching(/add a mobile phone number/)] } } });
    await verifyGuestContact(patient, db.db, ref);
    const [row] = await verificationsOf(ref.holdId);
    expect(row?.address).toBe(world.otherPatient.email!.toLowerCase());
    await expect(confirm()).resolves.toMatchObject({ status: "CONFIRMED" });
  });
});

describe("entering the code", () => {
  it("answers a wrong code with a field error and the tries left, and counts each try", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await requestCode(caller, ref);
    const code = (await currentContactCode(db.db, ref.holdId))!;
    const wrong = await refusal(caller.bookings.verifyContactCode({ ...ref, code: otherCode(code) }));
    expect(wrong).toMatchObject({ trpcCode: "BAD_REQUEST", appCode: "VALIDATION", message: "That code is not right. You can try 4 more times." });
    expect(wrong.details).toMatchObject({ attemptsLeft: 4, fieldErrors: { code: ["That code is not right. You can try 4 more times."] } });
    const [row] = await verificationsOf(ref.holdId);
    expect(row?.attempts).toBe(1);
    // A code that is not six digits never reaches the count.
    const malformed = await refusal(caller.bookings.verifyContactCode({ ...ref, code: "12345" }));
    expect(malformed).toMatchObject({ trpcCode: "BAD_REQUEST", details: { fieldErrors: { code: ["Enter the 6-digit code we sent you."] } } });
    expect((await verificationsOf(ref.holdId))[0]?.attempts).toBe(1);
    await expect(caller.bookings.verifyContactCode({ ...ref, code })).resolves.toMatchObject({ isVerified: true, attemptsLeft: 4 });
  });

  it("refuses the right code after 5 wrong tries until a new code is sent; the old code then fails", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await requestCode(caller, ref);
    const code = (await currentContactCode(db.db, ref.holdId))!;
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push((await refusal(caller.bookings.verifyContactCode({ ...ref, code: otherCode(code) }))).message);
    expect(messages.at(3)).toBe("That code is not right. You can try 1 more time.");
    expect(messages.at(4)).toBe("That code is not right, and it cannot be tried again. Ask for a new code.");
    const locked = await refusal(caller.bookings.verifyContactCode({ ...ref, code }));
    expect(locked).toMatchObject({ trpcCode: "PRECONDITION_FAILED", message: expect.stringMatching(/entered wrongly 5 times.*Ask for a new code/) });
    expect(locked.details).toMatchObject({ fieldErrors: { code: [expect.any(String)] } });
    expect((await verificationsOf(ref.holdId))[0]?.attempts).toBe(5);

    clock.now = at(30_000);
    const resent = await requestCode(caller, ref);
    expect(resent).toMatchObject({ attemptsLeft: 5, sendsLeft: 3, isVerified: false });
    const [row] = await verificationsOf(ref.holdId);
    expect(row).toMatchObject({ sendCount: 2, attempts: 0 });
    const newCode = verificationCode(row!.id, 2);
    expect(newCode).not.toBe(code);
    await expect(caller.bookings.verifyContactCode({ ...ref, code })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.bookings.verifyContactCode({ ...ref, code: newCode })).resolves.toMatchObject({ isVerified: true });
    await expect(caller.bookings.confirm(confirmInput(ref))).resolves.toMatchObject({ status: "CONFIRMED" });
  });

  it("refuses an expired code, saying to ask for a new one", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await requestCode(caller, ref);
    const code = (await currentContactCode(db.db, ref.holdId))!;
    clock.now = at(minutes(10) - 1);
    const almost = await caller.bookings.verifyContactCode({ ...ref, code: otherCode(code) }).catch((e: unknown) => e);
    expect(almost).toMatchObject({ code: "BAD_REQUEST" });
    clock.now = at(minutes(10));
    const expired = await refusal(caller.bookings.verifyContactCode({ ...ref, code }));
    expect(expired).toMatchObject({ trpcCode: "PRECONDITION_FAILED", message: "This code has expired (a code works for 10 minutes). Ask for a new code." });
    expect(expired.details).toMatchObject({ fieldErrors: { code: [expired.message] } });
    await expect(caller.bookings.confirm(confirmInput(ref))).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await requestCode(caller, ref);
    await expect(caller.bookings.verifyContactCode({ ...ref, code: (await currentContactCode(db.db, ref.holdId))! })).resolves.toMatchObject({ isVerified: true });
    clock.now = MONDAY_0800;
  });

  it("does not let a stranger without the hold token ask for, try or use a code", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await requestCode(caller, ref);
    const code = (await currentContactCode(db.db, ref.holdId))!;
    const stranger = visitor();
    const forged = { holdId: ref.holdId, holdToken: "S".repeat(43) };
    await expect(requestCode(stranger, forged)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.bookings.verifyContactCode({ ...forged, code })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.bookings.verifyContactCode({ ...forged, code: otherCode(code) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await verificationsOf(ref.holdId);
    expect(row).toMatchObject({ attempts: 0, sendCount: 1, verifiedAt: null });
    await expect(stranger.bookings.confirm(confirmInput(forged))).rejects.toMatchObject({ code: "NOT_FOUND" });
    // An unknown hold reads the same as a wrong token.
    await expect(stranger.bookings.verifyContactCode({ holdId: "00000000-0000-4000-8000-000000000000", holdToken: ref.holdToken, code })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses codes for a hold its holder released", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await requestCode(caller, ref);
    await caller.bookings.releaseHold(ref);
    await expect(requestCode(caller, ref)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/released/) });
    await expect(caller.bookings.verifyContactCode({ ...ref, code: (await currentContactCode(db.db, ref.holdId))! })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("asking for codes", () => {
  it("refuses a resend within 30 seconds with the wait, allows it after, and at most 5 codes per hold", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await requestCode(caller, ref);
    clock.now = at(1000);
    const soon = await refusal(requestCode(caller, ref));
    expect(soon).toMatchObject({ trpcCode: "TOO_MANY_REQUESTS", appCode: "RATE_LIMITED", message: expect.stringMatching(/another one in 29 seconds/) });
    expect(soon.details).toMatchObject({ retryable: true, retryAfterSeconds: 29 });
    // The wait is per hold, whichever address: switching channel does not skip it.
    clock.now = at(29_500);
    expect((await refusal(requestCode(caller, ref, "SMS"))).details).toMatchObject({ retryAfterSeconds: 1 });
    for (let send = 2; send <= 5; send++) {
      clock.now = at((send - 1) * 30_000);
      await expect(requestCode(caller, ref)).resolves.toMatchObject({ sendsLeft: 5 - send, resendAfterSeconds: send === 5 ? 0 : 30 });
    }
    expect((await verificationsOf(ref.holdId))[0]?.sendCount).toBe(5);
    clock.now = at(minutes(5));
    const exhausted = await refusal(requestCode(caller, ref, "SMS"));
    expect(exhausted).toMatchObject({ appCode: "PRECONDITION_FAILED", message: expect.stringMatching(/the 5 codes a reservation may have.*choose your time again/) });
    const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.type, "contact.verification_requested"));
    expect(events.filter((e) => e.payload.bookingId === ref.holdId).map((e) => e.payload.sendCount)).toEqual([1, 2, 3, 4, 5]);
    clock.now = MONDAY_0800;
  });

  it("refuses an invalid email or phone with the contact form's messages", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    const badPhone = await refusal(caller.bookings.requestContactCode({ ...ref, channel: "SMS", contact: { ...guest, phone: "7700 90", phoneCountry: "GB" } }));
    expect(badPhone).toMatchObject({
      trpcCode: "BAD_REQUEST",
      details: { fieldErrors: { "contact.phone": [expect.stringMatching(/^This does not look like a complete phone number\. Write it like 07\d{3} \d{6}/)] } },
    });
    const badEmail = await refusal(requestCode(caller, ref, "EMAIL", { ...guest, email: "not-an-email" }));
    expect(badEmail).toMatchObject({ trpcCode: "BAD_REQUEST", details: { fieldErrors: { "contact.email": ["Please enter a valid email address, like name@example.com."] } } });
    const missing = await refusal(caller.bookings.requestContactCode({ ...ref, channel: "EMAIL" }));
    expect(missing).toMatchObject({ appCode: "VALIDATION", details: { fieldErrors: expect.objectContaining({ "contact.email": expect.any(Array) }) } });
    expect(await verificationsOf(ref.holdId)).toHaveLength(0);
  });

  it("writes the outbox event with ids only, in the same transaction as the verification", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    await requestCode(caller, ref, "SMS");
    const [row] = await verificationsOf(ref.holdId);
    const [event] = await db.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, "contact.verification_requested"), eq(outboxEvents.aggregateId, row!.id)));
    expect(event).toMatchObject({ aggregateType: "contact_verification", publishedAt: null });
    expect(event?.payload).toEqual({ verificationId: row!.id, bookingId: ref.holdId, channel: "SMS", sendCount: 1 });
    expect(JSON.stringify(event?.payload)).not.toMatch(/gail|Gail|7700900001|example/);
    expect(JSON.stringify(event?.payload)).not.toContain(verificationCode(row!.id, 1));

    // When the event cannot be written, nothing of the request is kept: no row, no longer hold.
    const other = await holdAs();
    const [before] = await db.db.select({ holdExpiresAt: bookings.holdExpiresAt }).from(bookings).where(eq(bookings.id, other.ref.holdId));
    await db.db.execute(sql`ALTER TABLE outbox_events ADD CONSTRAINT test_refuse_codes CHECK (type <> 'contact.verification_requested') NOT VALID`);
    try {
      await expect(requestCode(other.caller, other.ref)).rejects.toThrow();
    } finally {
      await db.db.execute(sql`ALTER TABLE outbox_events DROP CONSTRAINT test_refuse_codes`);
    }
    expect(await verificationsOf(other.ref.holdId)).toHaveLength(0);
    const [after] = await db.db.select({ holdExpiresAt: bookings.holdExpiresAt }).from(bookings).where(eq(bookings.id, other.ref.holdId));
    expect(after?.holdExpiresAt).toEqual(before?.holdExpiresAt);
  });
});

describe("the hold while the code is entered", () => {
  it("lasts 20 minutes from its placing once a code is asked for, and is lengthened only once", async () => {
    clock.now = MONDAY_0800;
    const { caller, hold, slot, ref } = await holdAs();
    expect(hold.expiresAt).toEqual(at(minutes(10)));
    clock.now = at(minutes(9));
    await expect(requestCode(caller, ref)).resolves.toMatchObject({ holdExpiresAt: at(minutes(20)) });
    clock.now = at(minutes(15));
    // Past the plain 10 minutes, still held for its patient; a resend does not lengthen it again.
    await expect(visitor().bookings.hold(slot)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    await expect(requestCode(caller, ref)).resolves.toMatchObject({ holdExpiresAt: at(minutes(20)) });
    clock.now = at(minutes(20) + 1);
    await expect(visitor().bookings.hold(slot)).resolves.toMatchObject({ holdId: expect.any(String) });
    clock.now = MONDAY_0800;
  });

  it("keeps the notice judged when the hold was placed", async () => {
    clock.now = MONDAY_0800;
    // 09:00 is exactly the 60-minute notice from 08:00: bookable only as judged at placing.
    const caller = visitor();
    const slot = { providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-01T09:00:00Z"), mode: "IN_PERSON" as const, locationId: world.location.id };
    const hold = await caller.bookings.hold(slot);
    const ref = { holdId: hold.holdId, holdToken: hold.holdToken };
    clock.now = at(minutes(9));
    await requestCode(caller, ref);
    await caller.bookings.verifyContactCode({ ...ref, code: (await currentContactCode(db.db, ref.holdId))! });
    clock.now = at(minutes(19));
    await expect(caller.bookings.confirm(confirmInput(ref))).resolves.toMatchObject({ status: "CONFIRMED", startsAt: slot.startsAt });
    clock.now = MONDAY_0800;
  });

  it("is not lengthened once it has run out; a verified lapsed hold is still revived while its time is free", async () => {
    clock.now = MONDAY_0800;
    const { caller, ref } = await holdAs();
    clock.now = at(minutes(12));
    await expect(requestCode(caller, ref)).resolves.toMatchObject({ holdExpiresAt: at(minutes(10)) });
    await caller.bookings.verifyContactCode({ ...ref, code: (await currentContactCode(db.db, ref.holdId))! });
    await expect(caller.bookings.confirm(confirmInput(ref))).resolves.toMatchObject({ status: "CONFIRMED" });
    clock.now = MONDAY_0800;
  });
});
