import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v2";
const LEGACY_VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** The account row and column a token belongs to; bound into the ciphertext as associated data. */
export interface TokenContext {
  provider: string;
  providerAccountId: string;
  field: "access_token" | "refresh_token" | "id_token";
}

/**
 * The context of a token of a connected Google calendar account (calendar_connections), bound
 * to the connection's id: the same cipher and keys as sign-in accounts, never the same context.
 */
export function calendarConnectionTokenContext(connectionId: string, field: "access_token" | "refresh_token"): TokenContext {
  return { provider: "google-calendar", providerAccountId: connectionId, field };
}

export interface TokenKeys {
  /** Base64 of 32 random bytes: encrypts every new token, and decrypts. */
  writeKey: string;
  /** Earlier write keys, still accepted for decrypting until `npm run tokens:rotate` has run. */
  previousKeys?: readonly string[];
}

/** Why a stored token could not be opened. Carries no part of the token. */
export class TokenDecryptError extends Error {
  constructor(readonly reason: "malformed" | "unknown-key" | "legacy-format" | "authentication-failed") {
    super(`Stored OAuth token could not be decrypted (${reason})`);
    this.name = "TokenDecryptError";
  }
}

function decodeKey(base64Key: string, name: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (!BASE64_KEY.test(base64Key) || key.length !== 32) throw new Error(`${name} must decode to 32 bytes (openssl rand -base64 32)`);
  return key;
}

/**
 * A key's id is derived from the key itself, so an id can never be attached to the wrong key
 * and rotating needs no naming: a one-way hash of 256 random bits reveals nothing about them.
 */
export function tokenKeyId(key: Buffer): string {
  return createHash("sha256").update("medbookings/token-key-id\0").update(key).digest("base64url").slice(0, 11);
}

/** `TOKEN_ENCRYPTION_PREVIOUS_KEYS`: comma-separated base64 keys; blanks are ignored. */
export function parsePreviousKeys(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter(Boolean);
}

function associatedData(version: string, keyId: string, context: TokenContext): Buffer {
  // Lengths first so that no two different contexts can serialize to the same bytes.
  const parts = [version, keyId, context.provider, context.providerAccountId, context.field];
  return Buffer.from(parts.map((part) => `${Buffer.byteLength(part)}:${part}`).join("|"), "utf8");
}

function decodePart(part: string | undefined): Buffer | null {
  if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part)) return null;
  return Buffer.from(part, "base64url");
}

/**
 * AES-256-GCM for OAuth tokens at rest: `v2.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 * The associated data binds each ciphertext to its key id, provider account and column, so a
 * token copied to another row or column does not decrypt. The 16-byte tag is required on
 * decrypt: GCM would otherwise accept a truncated tag, which weakens forgery resistance.
 */
export function createTokenCipher(keys: TokenKeys) {
  const write = decodeKey(keys.writeKey, "TOKEN_ENCRYPTION_KEY");
  const writeKeyId = tokenKeyId(write);
  const byId = new Map<string, Buffer>([[writeKeyId, write]]);
  for (const previous of keys.previousKeys ?? []) {
    const key = decodeKey(previous, "Each key in TOKEN_ENCRYPTION_PREVIOUS_KEYS");
    byId.set(tokenKeyId(key), key);
  }

  function open(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer | null): string {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    if (aad) decipher.setAAD(aad);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new TokenDecryptError("authentication-failed");
    }
  }

  return {
    writeKeyId,

    encrypt(plaintext: string, context: TokenContext): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, write, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(VERSION, writeKeyId, context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, writeKeyId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
    },

    decrypt(sealed: string, context: TokenContext): string {
      const parts = sealed.split(".");
      if (parts[0] === LEGACY_VERSION) throw new TokenDecryptError("legacy-format");
      if (parts.length !== 5 || parts[0] !== VERSION) throw new TokenDecryptError("malformed");
      const [, keyId, ivPart, tagPart, ciphertextPart] = parts;
      const iv = decodePart(ivPart);
      const tag = decodePart(tagPart);
      const ciphertext = decodePart(ciphertextPart);
      if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ciphertext) throw new TokenDecryptError("malformed");
      const key = byId.get(keyId!);
      if (!key) throw new TokenDecryptError("unknown-key");
      return open(key, iv, tag, ciphertext, associatedData(VERSION, keyId!, context));
    },

    /** Whether a stored value should be rewritten: an older key or the format before key ids. */
    needsRotation(sealed: string): boolean {
      const [version, keyId] = sealed.split(".");
      return version !== VERSION || keyId !== writeKeyId;
    },

    /**
     * Tokens written before key ids (`v1.<iv>.<tag>.<ciphertext>`, no associated data). Only the
     * rotation script reads them, to rewrite them in the current format; the app never does.
     */
    decryptLegacy(sealed: string): string {
      const parts = sealed.split(".");
      if (parts.length !== 4 || parts[0] !== LEGACY_VERSION) throw new TokenDecryptError("malformed");
      const iv = decodePart(parts[1]);
      const tag = decodePart(parts[2]);
      const ciphertext = decodePart(parts[3]);
      if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ciphertext) throw new TokenDecryptError("malformed");
      for (const key of byId.values()) {
        try {
          return open(key, iv, tag, ciphertext, null);
        } catch {
          // The next configured key may be the one that wrote it.
        }
      }
      throw new TokenDecryptError("authentication-failed");
    },
  };
}

export type TokenCipher = ReturnType<typeof createTokenCipher>;
