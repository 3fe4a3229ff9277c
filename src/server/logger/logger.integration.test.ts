import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { users } from "@/server/db/schema";
import { createContext, createCallerFactory, publicProcedure, router } from "@/server/trpc";
import { handleTRPCRequest } from "@/server/trpc/http-handler";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { capturingLogger, unlimitedRateLimiter } from "@/test/request-context";
import type { Logger } from "./logger";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const patient = {
  name: "Jemima Quill-Patient",
  email: "jemima.quill@example.test",
  phone: "+447700900555",
  notes: "Recurring migraine, allergic to penicillin\u0000",
};
const PATIENT_DATA = [patient.name, patient.email, patient.phone, "migraine", "penicillin", "Quill", "7700900555"];

// Procedures that fail inside PostgreSQL the way real ones did, with patient data as parameters.
const leaky = router({
  duplicateEmail: publicProcedure.input(z.object({ name: z.string(), email: z.string() })).mutation(async ({ ctx, input }) => {
    await ctx.db.insert(users).values({ name: input.name, email: input.email });
    await ctx.db.insert(users).values({ name: input.name, email: input.email.toUpperCase() });
  }),
  nulInNotes: publicProcedure.input(z.object({ notes: z.string(), phone: z.string() })).mutation(async ({ ctx, input }) => {
    await ctx.db.execute(sql`SELECT ${input.notes}::text AS notes, ${input.phone}::text AS phone`);
  }),
});

function context(logger: Logger, headers = new Headers()) {
  return createContext({ db: db.db, session: null, headers, rateLimiter: unlimitedRateLimiter, logger });
}

function expectNoPatientData(text: string) {
  for (const value of PATIENT_DATA) expect(text).not.toContain(value);
  expect(text.toLowerCase()).not.toContain("failed query");
}

describe("logs of failed database queries hold no patient data", () => {
  it("a unique violation (pg detail quotes the email) is logged by path, class and code only", async () => {
    const capture = capturingLogger();
    const caller = createCallerFactory(leaky)(context(capture.logger));
    const error: unknown = await caller.duplicateEmail({ name: patient.name, email: patient.email }).catch((caught: unknown) => caught);
    // The error itself does carry the data: the test would catch a leak.
    const raw = (error as { cause: Error & { cause?: { detail?: string } } }).cause;
    expect(`${raw.message} ${raw.cause?.detail}`).toContain(patient.email);

    const [line] = capture.lines();
    expect(line).toMatchObject({
      level: 50,
      path: "duplicateEmail",
      outcome: "INTERNAL",
      err: { class: "DrizzleQueryError", code: null, causes: [{ class: "DatabaseError", code: "23505" }] },
    });
    expectNoPatientData(capture.text());
  });

  it("a NUL character in notes (22021) over HTTP is logged without the notes or phone", async () => {
    const capture = capturingLogger();
    const req = new Request("http://localhost/api/trpc/nulInNotes", {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "leak-check-1" },
      body: JSON.stringify(superjson.serialize({ notes: patient.notes, phone: patient.phone })),
    });
    const response = await handleTRPCRequest({
      req,
      router: leaky,
      logger: capture.logger,
      createContext: async () => context(capture.logger, req.headers),
    });
    expect(response.status).toBe(500);
    const body = await response.text();
    expectNoPatientData(body);

    const lines = capture.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      requestId: "leak-check-1",
      path: "nulInNotes",
      outcome: "INTERNAL",
      err: { class: "DrizzleQueryError", causes: [{ class: "DatabaseError", code: "22021" }] },
    });
    expectNoPatientData(capture.text());
  });

  it("censors patient fields by name should a log call ever include them", () => {
    const capture = capturingLogger();
    capture.logger.info({ guestEmail: patient.email, contact: { name: patient.name, phone: patient.phone }, input: { notes: patient.notes } }, "x");
    capture.logger.error({ err: Object.assign(new Error(`Failed query: insert … params: ${patient.email}`), { code: "23505", detail: patient.email }) }, "y");
    expectNoPatientData(capture.text());
    expect(capture.lines()[0]).toMatchObject({ guestEmail: "[redacted]", contact: { name: "[redacted]", phone: "[redacted]" }, input: "[redacted]" });
    expect(capture.lines()[1]).toMatchObject({ err: { class: "Error", code: "23505" } });
  });
});
