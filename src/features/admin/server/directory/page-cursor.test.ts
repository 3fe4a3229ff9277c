import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor, instantKey } from "./page-cursor";

const key = z.object({ at: z.string(), id: z.string() });

describe("page cursors", () => {
  it("round-trip a key, including text outside ASCII", () => {
    const cursor = encodeCursor({ at: "2027-03-01 08:00:00.123456+00", id: "Zoë" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, key)).toEqual({ at: "2027-03-01 08:00:00.123456+00", id: "Zoë" });
  });

  it("is null without a cursor", () => {
    expect(decodeCursor(undefined, key)).toBeNull();
  });

  it("refuses a cursor of another shape with a field error on cursor", () => {
    for (const bad of ["bm90IGpzb24", encodeCursor({ at: 1 })]) {
      let thrown: unknown;
      try {
        decodeCursor(bad, key);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe("VALIDATION");
      expect((thrown as AppError).details?.fieldErrors).toHaveProperty("cursor");
    }
  });

  it("accepts only real instants as keys", () => {
    expect(instantKey.safeParse("2027-03-01T08:00:00.123456Z").success).toBe(true);
    expect(instantKey.safeParse("2027-02-30T08:00:00.000000Z").success).toBe(false);
    expect(instantKey.safeParse("2027-13-01T08:00:00.000000Z").success).toBe(false);
    expect(instantKey.safeParse("2027-03-01 08:00:00+00").success).toBe(false);
  });
});
