import { APP_ERROR_CODES, type AppErrorCode } from "@/lib/errors/app-error";
import type { SlotAlternative } from "../types";

/** What the UI needs from a failed procedure call: the code to branch on and what to show. */
export interface AppErrorInfo {
  appCode: AppErrorCode;
  message: string;
  /** Field messages keyed by dotted input path, e.g. "contact.email". */
  fieldErrors: Record<string, string[]>;
  /** SLOT_TAKEN: the nearest free times. */
  alternatives: SlotAlternative[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function readFieldErrors(value: unknown): Record<string, string[]> {
  if (!isRecord(value)) return {};
  const result: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) result[key] = messages.filter((m): m is string => typeof m === "string");
  }
  return result;
}

function readAlternatives(details: unknown): SlotAlternative[] {
  if (!isRecord(details) || !Array.isArray(details.alternatives)) return [];
  return details.alternatives.flatMap((item): SlotAlternative[] => {
    if (!isRecord(item)) return [];
    const startsAt = new Date(item.startsAt as string | number | Date);
    const endsAt = new Date(item.endsAt as string | number | Date);
    const mode = item.mode === "ONLINE" || item.mode === "IN_PERSON" ? item.mode : null;
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || !mode) return [];
    return [{ startsAt, endsAt, mode, locationId: typeof item.locationId === "string" ? item.locationId : null }];
  });
}

/**
 * Reads the `data` our error formatter adds (appCode, fieldErrors, details) from a tRPC client
 * error. Anything unexpected, such as a network failure, reads as INTERNAL with its message.
 */
export function readAppError(error: unknown): AppErrorInfo {
  const message = error instanceof Error && error.message ? error.message : "Something went wrong. Please try again.";
  const data = isRecord(error) && isRecord(error.data) ? error.data : null;
  const code = data?.appCode;
  const appCode = typeof code === "string" && (APP_ERROR_CODES as readonly string[]).includes(code) ? (code as AppErrorCode) : "INTERNAL";
  return {
    appCode,
    message,
    fieldErrors: readFieldErrors(data?.fieldErrors),
    alternatives: appCode === "SLOT_TAKEN" ? readAlternatives(data?.details) : [],
  };
}
