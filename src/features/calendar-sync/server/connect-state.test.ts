import { describe, expect, it } from "vitest";
import { CONNECT_STATE_TTL_MS, createConnectState, idTokenNonce, pkceChallenge, pkceVerifier, verifyConnectState } from "./connect-state";

const SECRET = "unit-tests-only-secret-0123456789abcdef";
const NOW = new Date("2027-03-01T10:00:00Z");
const owner = { kind: "provider" as const, providerId: "8d8f5a3e-4c53-4c1c-9f0e-2b7d0a3c1e11" };

const started = () => createConnectState({ secret: SECRET, userId: "user-1", owner, now: NOW });
const check = (state: string | null, cookieNonce: string | null, overrides: { userId?: string; now?: Date; secret?: string } = {}) =>
  verifyConnectState({ secret: overrides.secret ?? SECRET, state, cookieNonce, userId: overrides.userId ?? "user-1", now: overrides.now ?? NOW });

describe("the signed state of a calendar connection", () => {
  it("accepts its own state with the browser's nonce, for the same user, and names the owner", () => {
    const { state, nonce, expiresAt } = started();
    expect(expiresAt).toEqual(new Date(NOW.getTime() + CONNECT_STATE_TTL_MS));
    expect(check(state, nonce)).toEqual({ ok: true, owner, nonce });
  });

  it("never carries the cookie's nonce in the state itself", () => {
    const { state, nonce } = started();
    expect(Buffer.from(state.split(".")[0]!, "base64url").toString("utf8")).not.toContain(nonce);
  });

  it("refuses a changed payload, a forged signature, another secret, and garbage", () => {
    const { state, nonce } = started();
    const [body, signature] = state.split(".");
    const payload = JSON.parse(Buffer.from(body!, "base64url").toString("utf8")) as Record<string, unknown>;
    const otherOwner = Buffer.from(JSON.stringify({ ...payload, o: { kind: "provider", providerId: "someone-else" } })).toString("base64url");
    expect(check(`${otherOwner}.${signature}`, nonce)).toEqual({ ok: false, reason: "invalid-request" });
    expect(check(`${body}.${Buffer.alloc(32).toString("base64url")}`, nonce)).toEqual({ ok: false, reason: "invalid-request" });
    expect(check(state, nonce, { secret: `${SECRET}-rotated` })).toEqual({ ok: false, reason: "invalid-request" });
    for (const garbage of [null, "", "abc", `${state}.extra`, `${body}.`]) expect(check(garbage, nonce)).toEqual({ ok: false, reason: "invalid-request" });
  });

  it("refuses it without this browser's cookie nonce, or with another flow's", () => {
    const { state } = started();
    const other = started();
    expect(check(state, null)).toEqual({ ok: false, reason: "invalid-request" });
    expect(check(state, other.nonce)).toEqual({ ok: false, reason: "invalid-request" });
  });

  it("refuses it at its expiry, and for another signed-in user", () => {
    const { state, nonce } = started();
    expect(check(state, nonce, { now: new Date(NOW.getTime() + CONNECT_STATE_TTL_MS - 1) }).ok).toBe(true);
    expect(check(state, nonce, { now: new Date(NOW.getTime() + CONNECT_STATE_TTL_MS) })).toEqual({ ok: false, reason: "expired" });
    expect(check(state, nonce, { userId: "user-2" })).toEqual({ ok: false, reason: "wrong-account" });
  });

  it("derives a PKCE verifier Google accepts (43+ chars of base64url) and its S256 challenge, per nonce", () => {
    const { nonce } = started();
    const verifier = pkceVerifier(SECRET, nonce);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(pkceVerifier(SECRET, nonce)).toBe(verifier);
    expect(pkceVerifier(SECRET, started().nonce)).not.toBe(verifier);
    expect(pkceChallenge(verifier)).not.toBe(verifier);
    expect(idTokenNonce(nonce)).not.toBe(nonce);
  });
});
