import { describe, expect, it, vi } from "vitest";
import { AppError, errorSummary, isAppError } from "./app-error";

describe("AppError identity", () => {
  it("recognises an AppError made by another copy of the module (another server bundle)", async () => {
    // A second, independent evaluation of the module, as a second Next.js server layer has.
    vi.resetModules();
    const copy = await import("./app-error");
    expect(copy.AppError).not.toBe(AppError);
    const foreign = new copy.AppError("RATE_LIMITED", "Too many attempts.");
    expect(foreign instanceof AppError).toBe(true);
    expect(isAppError(foreign)).toBe(true);
    expect(new AppError("NOT_FOUND", "x") instanceof copy.AppError).toBe(true);
  });

  it("does not take other errors or look-alikes for an AppError", () => {
    expect(new Error("x") instanceof AppError).toBe(false);
    expect({ code: "RATE_LIMITED", name: "AppError", message: "x" } instanceof AppError).toBe(false);
    expect((null as unknown) instanceof AppError).toBe(false);
  });
});

describe("errorSummary", () => {
  it("names the code and what is known of the vendor's answer, never the message", () => {
    const error = new AppError("INTEGRATION_UNAVAILABLE", "Twilio said: hello +447700900123", { vendor: "twilio", status: 400, reason: "invalid-recipient", twilioCode: 21211 });
    expect(errorSummary(error)).toBe("INTEGRATION_UNAVAILABLE twilio 400 invalid-recipient 21211");
    expect(errorSummary(new AppError("CONFLICT", "x"))).toBe("CONFLICT");
    expect(errorSummary(new Error("secret"))).toBe("unexpected error");
    expect(errorSummary(new AppError("INTERNAL", "x", { reason: "r".repeat(300) }))).toHaveLength(200);
  });
});
