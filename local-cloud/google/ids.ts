import { randomBytes } from "node:crypto";

const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

export function randomString(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Google's own event ids are base32hex, the same alphabet clients must use. */
export function randomEventId(length = 26): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += BASE32HEX[byte % 32];
  return id;
}

export function isValidEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}

export function randomMeetCode(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const bytes = randomBytes(10);
  const pick = (from: number, count: number) =>
    Array.from(bytes.subarray(from, from + count), (b) => letters[b % 26]).join("");
  return `${pick(0, 3)}-${pick(3, 4)}-${pick(7, 3)}`;
}
