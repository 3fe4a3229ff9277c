import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "./session-cookie";

describe("hasSessionCookie", () => {
  it.each([
    "next-auth.session-token=abc",
    "__Secure-next-auth.session-token=abc",
    "theme=dark; next-auth.session-token=abc",
    "theme=dark;next-auth.session-token=abc; other=1",
    "next-auth.session-token.0=abc; next-auth.session-token.1=def",
  ])("finds the session cookie in %s", (header) => {
    expect(hasSessionCookie(header)).toBe(true);
  });

  it.each([
    null,
    "",
    "next-auth.csrf-token=abc",
    "next-auth.callback-url=%2F",
    "xnext-auth.session-token=abc",
    "theme=next-auth.session-token=abc",
    "next-auth.session-tokens=abc",
  ])("finds none in %s", (header) => {
    expect(hasSessionCookie(header)).toBe(false);
  });
});
