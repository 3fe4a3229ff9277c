import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/**
 * Keyset cursors: the sort key of a page's last row, as base64url JSON. Instants travel as UTC
 * ISO text with microseconds (PostgreSQL's precision), never as a JavaScript Date (milliseconds):
 * a truncated key would skip rows that share the millisecond.
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** `2027-03-01T08:00:00.123456Z`, a real date and time (it is cast to timestamptz in SQL). */
export const instantKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  .refine((value) => {
    const milliseconds = `${value.slice(0, 23)}Z`;
    const date = new Date(milliseconds);
    return !Number.isNaN(date.getTime()) && date.toISOString() === milliseconds;
  });

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new AppError("VALIDATION", "This page link is out of date. Run the search again from the first page.", {
      fieldErrors: { cursor: ["cursor must be the nextCursor of an earlier page of the same search"] },
    });
  }
  return result.data;
}
