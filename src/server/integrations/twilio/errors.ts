import { AppError } from "@/lib/errors/app-error";

/** Stable, machine-readable reasons in `details.reason`; use cases branch on these, not on text. */
export type TwilioFailureReason =
  | "invalid-recipient"
  | "invalid-content"
  | "recipient-opted-out"
  | "whatsapp-template-required"
  | "template-variables-mismatch"
  | "unreachable"
  | "filtered"
  | "misconfigured"
  | "rate-limited"
  | "unavailable";

interface Failure {
  reason: TwilioFailureReason;
  retryable: boolean;
}

const FAILURES: Record<number, Failure> = {
  21211: { reason: "invalid-recipient", retryable: false },
  21604: { reason: "invalid-recipient", retryable: false },
  21612: { reason: "invalid-recipient", retryable: false },
  21614: { reason: "invalid-recipient", retryable: false },
  63024: { reason: "invalid-recipient", retryable: false },
  21602: { reason: "invalid-content", retryable: false },
  21617: { reason: "invalid-content", retryable: false },
  21655: { reason: "invalid-content", retryable: false },
  21656: { reason: "invalid-content", retryable: false },
  21610: { reason: "recipient-opted-out", retryable: false },
  63016: { reason: "whatsapp-template-required", retryable: false },
  63028: { reason: "template-variables-mismatch", retryable: false },
  30003: { reason: "unreachable", retryable: false },
  30005: { reason: "unreachable", retryable: false },
  30006: { reason: "unreachable", retryable: false },
  30007: { reason: "filtered", retryable: false },
  20003: { reason: "misconfigured", retryable: false },
  21212: { reason: "misconfigured", retryable: false },
  21603: { reason: "misconfigured", retryable: false },
  21606: { reason: "misconfigured", retryable: false },
  21659: { reason: "misconfigured", retryable: false },
  21701: { reason: "misconfigured", retryable: false },
  21910: { reason: "misconfigured", retryable: false },
  63007: { reason: "misconfigured", retryable: false },
  20429: { reason: "rate-limited", retryable: true },
};

const MESSAGES: Record<TwilioFailureReason, string> = {
  "invalid-recipient": "The phone number cannot receive messages. Check it and try again.",
  "invalid-content": "The message could not be sent because its content is invalid.",
  "recipient-opted-out": "The patient has opted out of text messages (replied STOP).",
  "whatsapp-template-required":
    "WhatsApp only allows free-form messages within 24 hours of the patient's last message; send an approved template instead.",
  "template-variables-mismatch": "The WhatsApp template was sent with the wrong number of variables.",
  unreachable: "The patient's phone could not be reached.",
  filtered: "The carrier filtered the message.",
  misconfigured: "Messaging is misconfigured (credentials, sender or Messaging Service).",
  "rate-limited": "The messaging service is busy. Try again shortly.",
  unavailable: "The messaging service is unavailable. Try again later.",
};

/** What a delivery error code (API error or a failed/undelivered callback's ErrorCode) means for us. */
export function describeTwilioError(code: number | null | undefined): Failure {
  const known = code === null || code === undefined ? undefined : FAILURES[code];
  return known ?? { reason: "unavailable", retryable: true };
}

interface RestExceptionLike {
  status: number;
  code?: number;
}

function isRestException(error: unknown): error is RestExceptionLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

/**
 * Maps what the twilio SDK threw to an AppError. Twilio's messages can quote the phone number,
 * so neither the vendor message nor the original error is kept.
 */
export function toAppError(error: unknown): AppError {
  const vendor = "twilio";
  if (!isRestException(error)) {
    return new AppError("INTEGRATION_UNAVAILABLE", MESSAGES.unavailable, {
      vendor,
      reason: "unavailable",
      retryable: true,
    });
  }
  const { status, code } = error;
  const known = code === undefined ? undefined : FAILURES[code];
  const failure: Failure =
    status === 429
      ? { reason: "rate-limited", retryable: true }
      : (known ?? { reason: "unavailable", retryable: status >= 500 });
  const appCode =
    failure.reason === "rate-limited"
      ? "RATE_LIMITED"
      : failure.reason === "invalid-recipient" || failure.reason === "invalid-content"
        ? "VALIDATION"
        : "INTEGRATION_UNAVAILABLE";
  return new AppError(appCode, MESSAGES[failure.reason], {
    vendor,
    status,
    twilioCode: code ?? null,
    reason: failure.reason,
    retryable: failure.retryable,
  });
}
