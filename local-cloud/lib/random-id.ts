import crypto from "node:crypto";

// One CSPRNG read fills ids for many messages: crypto.randomBytes(16) per id was a syscall-sized
// cost on every send and every SendGrid event. The ids are as random as before, only drawn in bulk.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = POOL_SIZE;

/** `size` fresh random bytes, the same as crypto.randomBytes(size) but read in bulk. */
export function randomBytes(size: number): Buffer {
  if (size > POOL_SIZE) return crypto.randomBytes(size);
  if (offset + size > pool.length) {
    pool = crypto.randomBytes(POOL_SIZE);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
