import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";

const SECRET = "unit-test-secret-for-contact-codes-0123456789";
let code: typeof import("./verification-code");

beforeAll(async () => {
  vi.stubEnv("SKIP_ENV_VALIDATION", "1");
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  code = await import("./verification-code");
});

const ID = "0b6c3f55-2c1e-4a43-9d0b-6a7f2d3e9c11";

describe("verificationCode", () => {
  it("is the first 8 bytes of HMAC-SHA256(secret, contact-code:<id>:<sendCount>) modulo 10^6, six digits with leading zeros", () => {
    const mac = createHmac("sha256", SECRET).update(`contact-code:${ID}:1`).digest();
    const expected = String(mac.readBigUInt64BE(0) % 1_000_000n).padStart(6, "0");
    expect(code.verificationCode(ID, 1)).toBe(expected);
    expect(code.verificationCode(ID, 1)).toMatch(/^\d{6}$/);
  });

  it("changes with the send count and the verification, and keeps leading zeros", () => {
    const codes = Array.from({ length: 2_000 }, (_, i) => code.verificationCode(ID, i + 1));
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    // 2,000 draws from 10^6 codes: a handful of repeats at most, and some codes below 100000.
    expect(new Set(codes).size).toBeGreaterThan(1_990);
    expect(codes.some((c) => c.startsWith("0"))).toBe(true);
    expect(code.verificationCode("1b6c3f55-2c1e-4a43-9d0b-6a7f2d3e9c11", 1)).not.toBe(code.verificationCode(ID, 1));
  });

  it("spreads codes evenly over the first digit", () => {
    const counts = Array<number>(10).fill(0);
    for (let i = 1; i <= 20_000; i++) counts[Number(code.verificationCode(ID, i)[0])]! += 1;
    // Expected 2,000 each; a 5-sigma band (sd ≈ 42) keeps the test from flaking.
    for (const count of counts) expect(Math.abs(count - 2_000)).toBeLessThan(215);
  });

  it("matches only the exact code of that send", () => {
    const right = code.verificationCode(ID, 3);
    expect(code.verificationCodeMatches(ID, 3, right)).toBe(true);
    expect(code.verificationCodeMatches(ID, 2, right)).toBe(false);
    expect(code.verificationCodeMatches(ID, 3, String((Number(right) + 1) % 1_000_000).padStart(6, "0"))).toBe(false);
    expect(code.verificationCodeMatches(ID, 3, `${right}0`)).toBe(false);
    expect(code.verificationCodeMatches(ID, 3, "")).toBe(false);
  });
});
