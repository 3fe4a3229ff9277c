import { AppError } from "@/lib/errors/app-error";

interface SendGridResponseError {
  code: number;
  response: { headers: Record<string, string>; body: unknown };
}

function isResponseError(error: unknown): error is SendGridResponseError {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "number" &&
    typeof (error as { response?: unknown }).response === "object"
  );
}

function vendorErrors(body: unknown): { field: string | null; message: string }[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((entry: { field?: unknown; message?: unknown }) => ({
    field: typeof entry.field === "string" ? entry.field : null,
    message: String(entry.message ?? ""),
  }));
}

/**
 * Turns whatever @sendgrid/mail threw into an AppError. The original error is deliberately not
 * kept as `cause`: axios errors carry the request, i.e. the API key and the recipient's address.
 */
export function toAppError(error: unknown): AppError {
  const vendor = "sendgrid";
  if (isResponseError(error)) {
    const status = error.code;
    if (status === 429) {
      const resetSeconds = Number(error.response.headers["x-ratelimit-reset"]);
      return new AppError("RATE_LIMITED", "The email service is busy. Try again in a minute.", {
        vendor,
        status,
        retryable: true,
        ...(Number.isFinite(resetSeconds) ? { retryAt: new Date(resetSeconds * 1000).toISOString() } : {}),
      });
    }
    if (status === 400 || status === 413) {
      return new AppError("VALIDATION", "The email could not be sent because it is malformed.", {
        vendor,
        status,
        retryable: false,
        vendorErrors: vendorErrors(error.response.body),
      });
    }
    if (status === 401 || status === 403) {
      return new AppError("INTEGRATION_UNAVAILABLE", "The email service rejected our credentials.", {
        vendor,
        status,
        retryable: false,
      });
    }
    return new AppError("INTEGRATION_UNAVAILABLE", "The email service is unavailable. Try again later.", {
      vendor,
      status,
      retryable: status >= 500,
    });
  }
  if ((error as { isAxiosError?: unknown } | null)?.isAxiosError === true) {
    return new AppError("INTEGRATION_UNAVAILABLE", "The email service could not be reached. Try again later.", {
      vendor,
      retryable: true,
      network: String((error as { code?: unknown }).code ?? "unknown"),
    });
  }
  // The SDK's own input checks throw plain Errors before any request is made.
  return new AppError("VALIDATION", error instanceof Error ? error.message : "The email is malformed.", {
    vendor,
    retryable: false,
  });
}
