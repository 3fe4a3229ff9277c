import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createMembership, createOrganization, createProvider, createUser } from "@/test/factories";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { anonymous, asUser, sessionFor, type TestActor } from "@/test/trpc";
import { silentLogger, unlimitedRateLimiter } from "@/test/request-context";
import { AppError } from "@/lib/errors/app-error";
import { createContext } from "./context";
import { createCallerFactory, router } from "./init";
import {
  adminProcedure,
  organizationProcedure,
  protectedProcedure,
  providerProcedure,
  publicProcedure,
} from "./procedures";

const ladder = router({
  open: publicProcedure.query(() => "open"),
  me: protectedProcedure.query(({ ctx }) => ctx.session.user.id),
  provider: providerProcedure.query(({ ctx }) => ctx.provider.id),
  manager: organizationProcedure("MANAGER")
    .input(z.object({ note: z.string().optional() }))
    .query(({ ctx, input }) => ({ role: ctx.membership.role, organizationId: input.organizationId })),
  admin: adminProcedure.query(() => "admin"),
  fails: publicProcedure.query(() => {
    throw new AppError("SLOT_TAKEN", "That time was just taken.", { alternatives: [] });
  }),
});
const createCaller = createCallerFactory(ladder);

let db: TestDatabase;
let patient: { id: string };
let providerUser: { id: string };
let providerId: string;
let admin: { id: string; role: "ADMIN" };
let organizationId: string;
let staff: { id: string };
let manager: { id: string };

const call = (actor: TestActor) =>
  createCaller(
    createContext({
      db: db.db,
      session: sessionFor(actor),
      headers: new Headers(),
      rateLimiter: unlimitedRateLimiter,
      logger: silentLogger,
    }),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  patient = await createUser(db.db);
  const provider = await createProvider(db.db);
  providerUser = provider.user;
  providerId = provider.provider.id;
  const adminRow = await createUser(db.db, { role: "ADMIN" });
  admin = { id: adminRow.id, role: "ADMIN" };
  organizationId = (await createOrganization(db.db)).id;
  staff = await createUser(db.db);
  manager = await createUser(db.db);
  await createMembership(db.db, { organizationId, userId: staff.id, role: "STAFF" });
  await createMembership(db.db, { organizationId, userId: manager.id, role: "MANAGER" });
});
afterAll(() => db.drop());

describe("procedure ladder", () => {
  it("public admits anyone", async () => {
    await expect(call(anonymous).open()).resolves.toBe("open");
  });

  it("protected refuses a visitor with UNAUTHORIZED", async () => {
    await expect(call(anonymous).me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(call(asUser(patient)).me()).resolves.toBe(patient.id);
  });

  it("provider needs a provider profile", async () => {
    await expect(call(anonymous).provider()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(call(asUser(patient)).provider()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(call(asUser(providerUser)).provider()).resolves.toBe(providerId);
  });

  it("organization checks membership and minimum role, hiding the organization from strangers", async () => {
    await expect(call(anonymous).manager({ organizationId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(call(asUser(patient)).manager({ organizationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(call(asUser(staff)).manager({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(call(asUser(manager)).manager({ organizationId, note: "x" })).resolves.toEqual({
      role: "MANAGER",
      organizationId,
    });
  });

  it("organization validates the organizationId", async () => {
    await expect(call(asUser(manager)).manager({ organizationId: "not-a-uuid" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("admin needs the platform ADMIN role", async () => {
    await expect(call(anonymous).admin()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(call(asUser(patient)).admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(call(asUser(providerUser)).admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(call(asUser(admin)).admin()).resolves.toBe("admin");
  });

  it("maps AppError codes through the one table", async () => {
    await expect(call(anonymous).fails()).rejects.toMatchObject({
      code: "CONFLICT",
      message: "That time was just taken.",
      cause: expect.any(AppError),
    });
  });
});
