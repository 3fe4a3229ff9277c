import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Whose calendars a connection serves. Only providers exist today; an organization location
 * (`{ kind: "location", locationId }`) joins this union when organizations do, through the
 * same start and callback.
 */
export type CalendarOwner = { kind: "provider"; providerId: string };

/** Long enough to pick an account and read the consent page; short enough that a leaked URL dies fast. */
export const CONNECT_STATE_TTL_MS = 10 * 60_000;

interface StatePayload {
  v: 1;
  /** SHA-256 of the nonce held in the browser's cookie: the state names the cookie without revealing it. */
  h: string;
  /** The signed-in user who started. */
  u: string;
  o: CalendarOwner;
  /** Expiry, Unix ms. */
  exp: number;
}

export interface ConnectState {
  /** The OAuth `state` parameter: payload and HMAC, base64url. */
  state: string;
  /** Goes into the httpOnly cookie; never into a URL. */
  nonce: string;
  expiresAt: Date;
}

export type ConnectStateCheck =
  | { ok: true; owner: CalendarOwner; nonce: string }
  | { ok: false; reason: "invalid-request" | "expired" | "wrong-account" };

const b64url = (bytes: Buffer) => bytes.toString("base64url");
const sha256 = (value: string) => b64url(createHash("sha256").update(value).digest());

/** A key of its own, derived from the app secret, so a state can never pass for another signed value. */
function keyFor(secret: string, purpose: string): Buffer {
  return createHmac("sha256", secret).update(`medbookings/calendar-connect/${purpose}/v1`).digest();
}

function sign(secret: string, body: string): Buffer {
  return createHmac("sha256", keyFor(secret, "state")).update(body).digest();
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createConnectState(input: { secret: string; userId: string; owner: CalendarOwner; now: Date }): ConnectState {
  const nonce = b64url(randomBytes(32));
  const expiresAt = new Date(input.now.getTime() + CONNECT_STATE_TTL_MS);
  const payload: StatePayload = { v: 1, h: sha256(nonce), u: input.userId, o: input.owner, exp: expiresAt.getTime() };
  const body = b64url(Buffer.from(JSON.stringify(payload), "utf8"));
  return { state: `${body}.${b64url(sign(input.secret, body))}`, nonce, expiresAt };
}

function readPayload(body: string): StatePayload | null {
  try {
    const value = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<StatePayload> | null;
    const owner = value?.o;
    if (
      value?.v !== 1 ||
      typeof value.h !== "string" ||
      typeof value.u !== "string" ||
      typeof value.exp !== "number" ||
      owner?.kind !== "provider" ||
      typeof owner.providerId !== "string"
    ) {
      return null;
    }
    return { v: 1, h: value.h, u: value.u, o: { kind: "provider", providerId: owner.providerId }, exp: value.exp };
  } catch {
    return null;
  }
}

/**
 * Checks a callback's `state`: our signature (constant time), its expiry, the browser's cookie
 * nonce (a state carried to another browser is useless) and the signed-in user. The owner it
 * names is still to be checked against the database by the caller.
 */
export function verifyConnectState(input: {
  secret: string;
  state: string | null;
  cookieNonce: string | null;
  userId: string;
  now: Date;
}): ConnectStateCheck {
  const [body, signature, extra] = (input.state ?? "").split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "invalid-request" };
  if (!sameBytes(Buffer.from(signature, "base64url"), sign(input.secret, body))) return { ok: false, reason: "invalid-request" };
  const payload = readPayload(body);
  if (!payload) return { ok: false, reason: "invalid-request" };
  if (payload.exp <= input.now.getTime()) return { ok: false, reason: "expired" };
  if (!input.cookieNonce || !sameBytes(Buffer.from(sha256(input.cookieNonce)), Buffer.from(payload.h))) {
    return { ok: false, reason: "invalid-request" };
  }
  if (payload.u !== input.userId) return { ok: false, reason: "wrong-account" };
  return { ok: true, owner: payload.o, nonce: input.cookieNonce };
}

/**
 * PKCE without storing anything: the code verifier is derived from the cookie nonce under the app
 * secret, so only this server, holding this browser's cookie, can redeem the code.
 */
export function pkceVerifier(secret: string, nonce: string): string {
  return b64url(createHmac("sha256", keyFor(secret, "pkce")).update(nonce).digest());
}

export function pkceChallenge(verifier: string): string {
  return sha256(verifier);
}

/** The ID token's `nonce`: tied to the cookie, not equal to it (the ID token is not secret storage). */
export function idTokenNonce(nonce: string): string {
  return sha256(`id-token:${nonce}`);
}
