import { describe, expect, it, vi } from "vitest";
import { AppError, isAppError } from "./app-error";

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
