import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTokenCipher } from "./token-crypto";

const key = randomBytes(32).toString("base64");

describe("token cipher", () => {
  it("round-trips and never stores the plaintext", () => {
    const cipher = createTokenCipher(key);
    const sealed = cipher.encrypt("1//refresh-token-value");
    expect(sealed).not.toContain("refresh-token-value");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(cipher.decrypt(sealed)).toBe("1//refresh-token-value");
  });

  it("uses a fresh IV each time", () => {
    const cipher = createTokenCipher(key);
    expect(cipher.encrypt("same")).not.toBe(cipher.encrypt("same"));
  });

  it("rejects tampered ciphertext and a different key", () => {
    const cipher = createTokenCipher(key);
    const sealed = cipher.encrypt("secret");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => cipher.decrypt(parts.join("."))).toThrow();
    expect(() => createTokenCipher(randomBytes(32).toString("base64")).decrypt(sealed)).toThrow();
  });

  it("refuses a key of the wrong length", () => {
    expect(() => createTokenCipher(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
