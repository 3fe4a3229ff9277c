import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { sessionFor, asUser } from "@/test/trpc";
import { createContext } from "./context";

let db: TestDatabase;
let patientId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  patientId = (await createUser(db.db)).id;
});
afterAll(() => db.drop());

async function request(path: string, input: unknown, session = sessionFor({ kind: "anonymous" })) {
  const url = `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url),
    router: appRouter,
    createContext: () => createContext({ db: db.db, session, headers: new Headers() }),
  });
  const raw = (await response.json()) as { error?: never; result?: { data: never } };
  // The superjson transformer wraps both results and errors.
  return {
    status: response.status,
    body: {
      error: raw.error ? (superjson.deserialize(raw.error) as { message: string; data: Record<string, unknown> }) : undefined,
      result: raw.result ? superjson.deserialize(raw.result.data) : undefined,
    },
  };
}

describe("error responses over HTTP", () => {
  it("names the invalid field with a human message and appCode VALIDATION", async () => {
    const { status, body } = await request("providers.list", { page: 0, language: "english" });
    expect(status).toBe(400);
    expect(body.error?.data).toMatchObject({ appCode: "VALIDATION", code: "BAD_REQUEST", httpStatus: 400 });
    const fieldErrors = body.error?.data.fieldErrors as Record<string, string[]>;
    expect(fieldErrors.page).toEqual(["page must be 1 or more"]);
    expect(fieldErrors.language?.[0]).toMatch(/language must be a 2 or 3 letter language code/);
    expect(body.error?.message).toMatch(/^Please check /);
  });

  it("answers 401 with appCode UNAUTHORIZED for a visitor on a protected procedure", async () => {
    const { status, body } = await request("admin.overview", undefined);
    expect(status).toBe(401);
    expect(body.error?.data).toMatchObject({ appCode: "UNAUTHORIZED" });
  });

  it("answers 403 FORBIDDEN to a signed-in non-admin", async () => {
    const { status, body } = await request("admin.overview", undefined, sessionFor(asUser({ id: patientId })));
    expect(status).toBe(403);
    expect(body.error?.data).toMatchObject({ appCode: "FORBIDDEN", fieldErrors: null });
  });

  it("reports database reachability and migration state from health", async () => {
    const { status, body } = await request("health", undefined);
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { pending: 0 } });
  });
});
