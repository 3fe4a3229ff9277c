import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { describeError, toTRPCError } from "./error-map";

// Codes tRPC raises for what the caller sent or did.
const CALLER_FAULTS: TRPC_ERROR_CODE_KEY[] = [
  "PARSE_ERROR",
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "PAYMENT_REQUIRED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_SUPPORTED",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNPROCESSABLE_CONTENT",
  "PRECONDITION_REQUIRED",
  "CLIENT_CLOSED_REQUEST",
];

describe("labels of errors tRPC raises itself", () => {
  it.each(CALLER_FAULTS)("%s is the caller's fault: not INTERNAL, not retryable, not 'our side'", (code) => {
    const { message, data } = describeError(new TRPCError({ code, message: "raw detail" }));
    expect(data.appCode).not.toBe("INTERNAL");
    expect(data.retryable).toBe(false);
    expect(message).not.toMatch(/our side/);
  });

  it("says what to do about a wrong method, content type, unreadable JSON and an oversized batch", () => {
    expect(describeError(new TRPCError({ code: "METHOD_NOT_SUPPORTED" })).message).toMatch(/GET.*POST/);
    expect(describeError(new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE" })).message).toMatch(/application\/json/);
    expect(describeError(new TRPCError({ code: "PARSE_ERROR" })).message).toMatch(/valid JSON/);
    expect(describeError(new TRPCError({ code: "BAD_REQUEST", message: "Batch call exceeds maximum size" })).message).toMatch(
      /at most 10 calls/,
    );
  });

  it("keeps an unexpected failure's detail out of the answer, and labels outages retryable UNAVAILABLE", () => {
    const internal = describeError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Failed query: params: jane@example.test" }));
    expect(internal).toEqual({
      message: "Something went wrong on our side. Please try again.",
      data: { appCode: "INTERNAL", fieldErrors: null, retryable: true, details: null },
    });
    for (const code of ["SERVICE_UNAVAILABLE", "BAD_GATEWAY", "GATEWAY_TIMEOUT"] as const) {
      expect(describeError(new TRPCError({ code })).data).toMatchObject({ appCode: "UNAVAILABLE", retryable: true });
    }
  });

  it("passes a RATE_LIMITED AppError's wait through as details", () => {
    const error = toTRPCError(new AppError("RATE_LIMITED", "Too many attempts.", { retryable: true, retryAfterSeconds: 42 }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(describeError(error).data).toMatchObject({ appCode: "RATE_LIMITED", retryable: true, details: { retryAfterSeconds: 42 } });
  });
});
