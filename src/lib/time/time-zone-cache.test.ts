import { describe, expect, it } from "vitest";
import { timeZoneSchema } from "./time-zone-schema";
import { canonicalTimeZone, createZoneTimeline, isValidTimeZone, offsetMinutesAt, timeZoneCacheSizes } from "./zoned";

/** The `count` first casings of `zone` ("america/new_york", "America/new_york", …). */
function casings(zone: string, count: number): string[] {
  const lower = zone.toLowerCase();
  const letters = [...lower].map((char, index) => (char.toUpperCase() !== char ? index : -1)).filter((index) => index >= 0);
  const variants: string[] = [];
  for (let mask = 0; variants.length < count && mask < 2 ** letters.length; mask++) {
    const chars = [...lower];
    letters.forEach((index, bit) => {
      if (mask & (1 << bit)) chars[index] = chars[index]!.toUpperCase();
    });
    variants.push(chars.join(""));
  }
  return variants;
}

describe("time-zone caches keyed by user input", () => {
  it("stay bounded under 10,000 casings of one zone, each giving the right answers", { timeout: 30_000 }, () => {
    const variants = casings("America/New_York", 10_000);
    expect(new Set(variants).size).toBe(10_000);
    const july = Date.UTC(2027, 6, 1, 12);
    const from = Math.floor(Date.UTC(2027, 0, 1) / 60_000);
    const wrong = variants.filter((zone) => {
      const timeline = createZoneTimeline(zone, from, from + 14 * 1440);
      return !isValidTimeZone(zone) || !timeZoneSchema.safeParse(zone).success || offsetMinutesAt(zone, july) !== -240 || timeline.offsetAt(from) !== -300;
    });
    expect(wrong).toEqual([]);
    const sizes = timeZoneCacheSizes();
    expect(sizes.formatters).toBeLessThanOrEqual(5);
    expect(sizes.timelines).toBeLessThanOrEqual(5);
    expect(sizes.spellings).toBeLessThanOrEqual(1_000);
  });

  it("canonicalizes spellings and aliases, and refuses unknown zones", () => {
    expect(canonicalTimeZone("europe/LONDON")).toBe("Europe/London");
    expect(canonicalTimeZone("Etc/UTC")).toBe("UTC");
    expect(() => canonicalTimeZone("Mars/Olympus_Mons")).toThrow(RangeError);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
