import { APP_ERROR_CODES, type AppErrorCode } from "@/lib/errors/app-error";

export interface FormError {
  appCode: AppErrorCode;
  message: string;
  /** Field messages keyed by input path, e.g. "name" or "reminderOffsetsMinutes.1". */
  fieldErrors: Record<string, string[]>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/**
 * What a form needs from a refused call: the code our error formatter adds (the UI branches on
 * it, never on text), the message for people and the field messages. A network failure reads as
 * INTERNAL with its message.
 */
export function readFormError(error: unknown): FormError {
  const message = error instanceof Error && error.message ? error.message : "Something went wrong. Please try again.";
  const data = isRecord(error) && isRecord(error.data) ? error.data : null;
  const code = data?.appCode;
  const appCode = typeof code === "string" && (APP_ERROR_CODES as readonly string[]).includes(code) ? (code as AppErrorCode) : "INTERNAL";
  const fieldErrors: Record<string, string[]> = {};
  if (isRecord(data?.fieldErrors)) {
    for (const [key, messages] of Object.entries(data.fieldErrors)) {
      if (Array.isArray(messages)) fieldErrors[key] = messages.filter((m): m is string => typeof m === "string");
    }
  }
  return { appCode, message, fieldErrors };
}

/** Zod issues keyed by dotted path, the same shape the server's error formatter sends. */
export function issuesByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return out;
}
