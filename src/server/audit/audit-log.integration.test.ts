import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/server/db/schema";
import { createContext } from "@/server/trpc";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { silentLogger, unlimitedRateLimiter } from "@/test/request-context";
import { recordAudit } from "./audit-repository";

/**
 * The audit trail is append-only for every role, the app's included (migration 0012): what was
 * recorded cannot be changed or removed through the connection the procedures use.
 */
let db: TestDatabase;
let rowId: number;
let ctxDb: TestDatabase["db"];

beforeAll(async () => {
  db = await createTestDatabase();
  const actor = await createUser(db.db);
  ctxDb = createContext({ db: db.db, session: null, headers: new Headers(), rateLimiter: unlimitedRateLimiter, logger: silentLogger }).db;
  await recordAudit(ctxDb, {
    actorUserId: actor.id,
    action: "booking.record_read",
    subjectType: "booking",
    subjectId: "00000000-0000-4000-8000-000000000001",
    details: { patientUserId: actor.id },
    origin: { ipAddress: "203.0.113.9", userAgent: "AuditTest/1.0" },
  });
  const [row] = await ctxDb.select({ id: auditLog.id }).from(auditLog);
  rowId = row!.id;
});
afterAll(() => db.drop());

/** The database's refusal, through the driver's wrapping (drizzle keeps PostgreSQL's error as the cause). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error("expected the statement to be refused");
}

async function stored() {
  return ctxDb.select().from(auditLog).where(eq(auditLog.id, rowId));
}

describe("the audit log", () => {
  it("keeps what recordAudit wrote, with its origin", async () => {
    expect(await stored()).toEqual([
      expect.objectContaining({ action: "booking.record_read", ipAddress: "203.0.113.9", userAgent: "AuditTest/1.0" }),
    ]);
  });

  it("refuses an UPDATE", async () => {
    expect(await refusal(ctxDb.update(auditLog).set({ action: "booking.tampered", ipAddress: null }).where(eq(auditLog.id, rowId)))).toBe(
      "audit_log is append-only: UPDATE is not allowed",
    );
    expect((await stored())[0]).toMatchObject({ action: "booking.record_read", ipAddress: "203.0.113.9" });
  });

  it("refuses a DELETE", async () => {
    expect(await refusal(ctxDb.delete(auditLog).where(eq(auditLog.id, rowId)))).toBe("audit_log is append-only: DELETE is not allowed");
    expect(await stored()).toHaveLength(1);
  });

  it("refuses a TRUNCATE", async () => {
    expect(await refusal(ctxDb.execute(sql`TRUNCATE audit_log`))).toBe("audit_log is append-only: TRUNCATE is not allowed");
    expect(await stored()).toHaveLength(1);
  });

  it("still accepts new rows", async () => {
    await recordAudit(ctxDb, { actorUserId: null, action: "system.checked", subjectType: "system", subjectId: "audit" });
    expect((await ctxDb.select().from(auditLog)).map((row) => row.action)).toEqual(["booking.record_read", "system.checked"]);
  });
});
