import { spawnSync } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTokenCipher, parsePreviousKeys, TokenDecryptError, type TokenContext } from "./token-crypto";

const newKey = () => randomBytes(32).toString("base64");
const key = newKey();
const row: TokenContext = { provider: "google", providerAccountId: "1001", field: "refresh_token" };

/** Rewrites one base64url part of a sealed token. */
function withPart(sealed: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = sealed.split(".");
  parts[index] = change(Buffer.from(parts[index]!, "base64url")).toString("base64url");
  return parts.join(".");
}

function flipFirstBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[0] = copy[0]! ^ 1;
  return copy;
}

function decryptError(run: () => unknown): TokenDecryptError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDecryptError);
    return error as TokenDecryptError;
  }
  throw new Error("expected decrypt to fail");
}

describe("token cipher", () => {
  it("round-trips with a version and key id prefix, never storing the plaintext", () => {
    const cipher = createTokenCipher({ writeKey: key });
    const sealed = cipher.encrypt("1//refresh-token-value", row);
    expect(sealed).not.toContain("refresh-token-value");
    expect(sealed.split(".")).toHaveLength(5);
    expect(sealed.startsWith(`v2.${cipher.writeKeyId}.`)).toBe(true);
    expect(cipher.decrypt(sealed, row)).toBe("1//refresh-token-value");
  });

  it("uses a fresh IV each time", () => {
    const cipher = createTokenCipher({ writeKey: key });
    expect(cipher.encrypt("same", row)).not.toBe(cipher.encrypt("same", row));
  });

  it("refuses a flipped ciphertext byte", () => {
    const cipher = createTokenCipher({ writeKey: key });
    const sealed = withPart(cipher.encrypt("secret", row), 4, flipFirstBit);
    expect(decryptError(() => cipher.decrypt(sealed, row)).reason).toBe("authentication-failed");
  });

  it("refuses a flipped tag", () => {
    const cipher = createTokenCipher({ writeKey: key });
    const sealed = withPart(cipher.encrypt("secret", row), 3, flipFirstBit);
    expect(decryptError(() => cipher.decrypt(sealed, row)).reason).toBe("authentication-failed");
  });

  it.each([4, 8, 12, 15])("refuses the genuine tag truncated to %i bytes (GCM would accept it unchecked)", (length) => {
    const cipher = createTokenCipher({ writeKey: key });
    const sealed = withPart(cipher.encrypt("secret", row), 3, (tag) => tag.subarray(0, length));
    expect(decryptError(() => cipher.decrypt(sealed, row)).reason).toBe("malformed");
  });

  it("refuses a token moved to another account row or another column (associated data)", () => {
    const cipher = createTokenCipher({ writeKey: key });
    const sealed = cipher.encrypt("secret", row);
    for (const other of [
      { ...row, providerAccountId: "1002" },
      { ...row, provider: "google2" },
      { ...row, field: "access_token" as const },
    ]) {
      expect(decryptError(() => cipher.decrypt(sealed, other)).reason).toBe("authentication-failed");
    }
  });

  it("keeps contexts apart even when their parts could be run together", () => {
    const cipher = createTokenCipher({ writeKey: key });
    const sealed = cipher.encrypt("secret", { provider: "a|b", providerAccountId: "c", field: "id_token" });
    expect(() => cipher.decrypt(sealed, { provider: "a", providerAccountId: "b|c", field: "id_token" })).toThrow(TokenDecryptError);
  });

  it("refuses an unknown key id, and a key id swapped onto another key's ciphertext", () => {
    const writer = createTokenCipher({ writeKey: key });
    const other = createTokenCipher({ writeKey: newKey() });
    const sealed = writer.encrypt("secret", row);
    expect(decryptError(() => other.decrypt(sealed, row)).reason).toBe("unknown-key");

    const both = createTokenCipher({ writeKey: newKey(), previousKeys: [key] });
    const relabelled = sealed.split(".");
    relabelled[1] = both.writeKeyId;
    expect(decryptError(() => both.decrypt(relabelled.join("."), row)).reason).toBe("authentication-failed");
  });

  it("decrypts with a previous key after rotation, writes with the new one, and says what needs rewriting", () => {
    const before = createTokenCipher({ writeKey: key });
    const sealedBefore = before.encrypt("1//old", row);
    const after = createTokenCipher({ writeKey: newKey(), previousKeys: [key] });
    expect(after.decrypt(sealedBefore, row)).toBe("1//old");
    expect(after.needsRotation(sealedBefore)).toBe(true);
    const sealedAfter = after.encrypt("1//new", row);
    expect(sealedAfter.split(".")[1]).toBe(after.writeKeyId);
    expect(after.needsRotation(sealedAfter)).toBe(false);
    // Once the previous key is dropped, its ciphertext no longer opens.
    expect(decryptError(() => createTokenCipher({ writeKey: newKey() }).decrypt(sealedBefore, row)).reason).toBe("unknown-key");
  });

  it("refuses malformed values and the legacy format in normal reads, but the rotation can read legacy values", () => {
    const cipher = createTokenCipher({ writeKey: key });
    expect(decryptError(() => cipher.decrypt("plain-token", row)).reason).toBe("malformed");
    expect(decryptError(() => cipher.decrypt("v2.a.b.c", row)).reason).toBe("malformed");
    expect(decryptError(() => cipher.decrypt("v2.a.b.c.d!", row)).reason).toBe("malformed");

    // The format written before key ids: v1.<iv>.<tag>.<ciphertext>, no associated data.
    const iv = randomBytes(12);
    const legacy = createCipheriv("aes-256-gcm", Buffer.from(key, "base64"), iv);
    const body = Buffer.concat([legacy.update("1//legacy", "utf8"), legacy.final()]);
    const sealedLegacy = ["v1", iv.toString("base64url"), legacy.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    expect(decryptError(() => cipher.decrypt(sealedLegacy, row)).reason).toBe("legacy-format");
    expect(cipher.needsRotation(sealedLegacy)).toBe(true);
    expect(createTokenCipher({ writeKey: newKey(), previousKeys: [key] }).decryptLegacy(sealedLegacy)).toBe("1//legacy");
    expect(() => createTokenCipher({ writeKey: newKey() }).decryptLegacy(sealedLegacy)).toThrow(TokenDecryptError);
  });

  it("never puts the token in an error", () => {
    const cipher = createTokenCipher({ writeKey: key });
    const sealed = withPart(cipher.encrypt("1//do-not-leak", row), 4, flipFirstBit);
    expect(decryptError(() => cipher.decrypt(sealed, row)).message).not.toContain("do-not-leak");
  });

  it("refuses keys of the wrong length and parses the list of previous keys", () => {
    expect(() => createTokenCipher({ writeKey: randomBytes(16).toString("base64") })).toThrow(/32 bytes/);
    expect(() => createTokenCipher({ writeKey: key, previousKeys: ["short"] })).toThrow(/TOKEN_ENCRYPTION_PREVIOUS_KEYS/);
    const [a, b] = [newKey(), newKey()];
    expect(parsePreviousKeys(` ${a}, ,${b} `)).toEqual([a, b]);
    expect(parsePreviousKeys(undefined)).toEqual([]);
  });
});

describe("TOKEN_ENCRYPTION_PREVIOUS_KEYS in env.mjs", () => {
  const loadEnv = (previous: string | undefined) =>
    spawnSync(process.execPath, ["--input-type=module", "-e", "await import('./env.mjs')"], {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/medbookings",
        NEXTAUTH_URL: "http://localhost:3000",
        NEXTAUTH_SECRET: "x".repeat(32),
        TOKEN_ENCRYPTION_KEY: newKey(),
        GOOGLE_CLIENT_ID: "client",
        GOOGLE_CLIENT_SECRET: "secret",
        ...(previous !== undefined && { TOKEN_ENCRYPTION_PREVIOUS_KEYS: previous }),
      },
    });

  it("accepts none, one or several base64 keys and refuses anything else by name", () => {
    expect(loadEnv(undefined).status).toBe(0);
    expect(loadEnv(newKey()).status).toBe(0);
    expect(loadEnv(`${newKey()}, ${newKey()}`).status).toBe(0);
    const bad = loadEnv(`${newKey()},not-a-key`);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("TOKEN_ENCRYPTION_PREVIOUS_KEYS: must be comma-separated keys");
  });
});
