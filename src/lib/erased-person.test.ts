import { describe, expect, it } from "vitest";
import { ERASED_GUEST_EMAIL, erasedAccountEmail, isErasedEmail } from "./erased-person";

describe("erased-person placeholders", () => {
  it("gives each erased account its own undeliverable address", () => {
    const id = "0b7c2d44-7a51-4e36-9a44-0f1b1f8ad9e1";
    expect(erasedAccountEmail(id)).toBe(`erased-${id}@erased.invalid`);
    expect(isErasedEmail(erasedAccountEmail(id))).toBe(true);
    expect(isErasedEmail(ERASED_GUEST_EMAIL)).toBe(true);
    expect(isErasedEmail("Someone@ERASED.INVALID")).toBe(true);
  });

  it("does not take real addresses or near misses for placeholders", () => {
    expect(isErasedEmail("pat@example.test")).toBe(false);
    expect(isErasedEmail("erased@erased.invalid.example.com")).toBe(false);
    expect(isErasedEmail("x@noterased.invalid")).toBe(false);
    expect(isErasedEmail(null)).toBe(false);
    expect(isErasedEmail(undefined)).toBe(false);
  });
});
