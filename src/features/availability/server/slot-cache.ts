import { LRUCache } from "lru-cache";
import { env } from "~/env";
import type { CompactPublicSlots } from "../slot-encoding";

/**
 * One computed slot list: every start of the window whatever the minimum notice and horizon
 * (trimmed to them when read), with the busy time as it stood at `computedAt`.
 */
export interface SlotCacheEntry {
  /** The provider's availability version read before any of the data this was computed from. */
  version: number;
  computedAt: number;
  /** The first instant a hold counted as busy expires by itself (Infinity when none does). */
  validUntil: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  slots: CompactPublicSlots;
}

/**
 * An in-process LRU of public slot lists keyed by provider, service and window; an entry is
 * served only when its version equals the provider's current version in PostgreSQL (see
 * `getCompactSlots` for why that is safe with several app instances).
 */
export class SlotCache {
  private readonly entries: LRUCache<string, SlotCacheEntry>;
  hits = 0;
  misses = 0;

  constructor(maxEntries: number) {
    this.entries = new LRUCache<string, SlotCacheEntry>({ max: maxEntries });
  }

  static key(providerId: string, serviceId: string, fromMs: number, days: number): string {
    return `${providerId}|${serviceId}|${fromMs}|${days}`;
  }

  /** The entry when it is still exact for `version` at `nowMs`, else undefined. */
  read(key: string, version: number, nowMs: number): SlotCacheEntry | undefined {
    const entry = this.entries.get(key);
    // A clock behind the computation could see holds as live that the entry saw expired.
    if (entry && entry.version === version && nowMs >= entry.computedAt && nowMs < entry.validUntil) {
      this.hits++;
      return entry;
    }
    this.misses++;
    return undefined;
  }

  /** Keeps the newer of two racing computations: a slow request must not replace a fresher list. */
  write(key: string, entry: SlotCacheEntry): void {
    const current = this.entries.peek(key);
    if (current && (current.version > entry.version || (current.version === entry.version && current.computedAt > entry.computedAt))) return;
    this.entries.set(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

// Read with its default again: SKIP_ENV_VALIDATION (tests, builds) leaves env values raw.
const maxEntries = Number(env.AVAILABILITY_CACHE_ENTRIES ?? 5000);

/** The process's cache; null when AVAILABILITY_CACHE_ENTRIES is 0. */
export const publicSlotCache: SlotCache | null = maxEntries > 0 ? new SlotCache(maxEntries) : null;
