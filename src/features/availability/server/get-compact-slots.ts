import { MS_PER_DAY, MS_PER_MINUTE } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { publicSlotsInput } from "../schemas";
import type { Slot } from "../compute-slots";
import { encodePublicSlots, trimPublicSlots, type CompactPublicSlots } from "../slot-encoding";
import { findAvailabilityVersion, type SlotConfig } from "./availability-repository";
import { computeServiceSlots, fromEngineMode } from "./compute-service-slots";
import { publicSlotCache, SlotCache, type SlotCacheEntry } from "./slot-cache";

export interface GetCompactSlotsOptions {
  db: DbExecutor;
  input: z.output<typeof publicSlotsInput>;
  now: Date;
  /** Defaults to the process's cache; null computes every time. */
  cache?: SlotCache | null;
}

/**
 * The public slot list of one service in its wire form (epoch minutes, see `slot-encoding`).
 *
 * Why a cached list never offers a slot that a committed write has taken, with any number of
 * app instances each holding its own cache: triggers bump the provider's version in the
 * transaction of every write that can change its free time, so the bump and the write become
 * visible together. Each request first reads the current version in its own statement; an
 * entry is served only when it was built for exactly that version. An entry for version V was
 * computed from statements that started after V was read, so (READ COMMITTED: each statement
 * sees everything committed before it began) it reflects every write up to V, and maybe newer
 * ones, which only makes it fresher. A write committed before a request reads the version has
 * moved the version past V, so that request cannot be served an entry missing the write.
 * Time alone changes the answer in two ways, both handled at read time: minimum notice and
 * horizon move with the clock (entries hold the whole window and are trimmed per request),
 * and a hold stops blocking when it expires without any write (an entry is valid only until
 * the first such expiry it depends on). Holds still re-check the slot when they are placed.
 */
export async function getCompactSlots({ db, input, now, cache = publicSlotCache }: GetCompactSlotsOptions): Promise<CompactPublicSlots> {
  const fromMs = input.from.getTime();
  const to = new Date(fromMs + input.days * MS_PER_DAY);
  const nowMs = now.getTime();
  if (!cache) {
    const { config, slots } = await computeServiceSlots({ db, providerId: input.providerId, serviceId: input.serviceId, from: input.from, to, now });
    return encode(config, slots);
  }

  const version = await findAvailabilityVersion(db, input.providerId);
  const key = SlotCache.key(input.providerId, input.serviceId, fromMs, input.days);
  let entry = cache.read(key, version, nowMs);
  if (!entry) {
    const { config, slots, nextHoldExpiry } = await computeServiceSlots({
      db,
      providerId: input.providerId,
      serviceId: input.serviceId,
      from: input.from,
      to,
      now,
      ignoreNoticeAndHorizon: true,
    });
    entry = {
      version,
      computedAt: nowMs,
      validUntil: nextHoldExpiry?.getTime() ?? Infinity,
      minimumNoticeMinutes: config.service.minimumNoticeMinutes,
      bookingHorizonDays: config.service.bookingHorizonDays,
      slots: encode(config, slots),
    } satisfies SlotCacheEntry;
    cache.write(key, entry);
  }
  // The engine's own rule: now + notice <= start < now + horizon.
  return trimPublicSlots(entry.slots, nowMs + entry.minimumNoticeMinutes * MS_PER_MINUTE, nowMs + entry.bookingHorizonDays * MS_PER_DAY);
}

function encode(config: SlotConfig, slots: readonly Slot[]): CompactPublicSlots {
  return encodePublicSlots({
    timeZone: config.providerTimeZone,
    durationMinutes: config.service.durationMinutes,
    stepMinutes: config.service.slotStepMinutes,
    locations: config.locations,
    slots: slots.map((slot) => ({ startsAt: slot.startsAt, mode: fromEngineMode(slot.mode), locationId: slot.locationId })),
  });
}
