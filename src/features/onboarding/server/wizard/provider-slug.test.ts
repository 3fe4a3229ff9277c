import { describe, expect, it } from "vitest";
import { firstFreeSlug, providerSlugBase } from "./provider-slug";

describe("providerSlugBase", () => {
  it("keeps the name, drops titles in front, letters after a comma and accents", () => {
    expect(providerSlugBase("Dr. Amara Okafor")).toBe("amara-okafor");
    expect(providerSlugBase("Rachel Goldberg, PsyD")).toBe("rachel-goldberg");
    expect(providerSlugBase("Prof. Dr. Amélie Dupont-Roy")).toBe("amelie-dupont-roy");
    expect(providerSlugBase("  DR   Zoë   O'Neill  ")).toBe("zoe-o-neill");
    expect(providerSlugBase("Drew Barrymore")).toBe("drew-barrymore");
  });

  it("falls back for names that leave nothing, and stays short and valid for providers.bySlug", () => {
    expect(providerSlugBase("李医生")).toBe("provider");
    expect(providerSlugBase("Dr. ---")).toBe("provider");
    const long = providerSlugBase(`${"Anna-".repeat(30)}Maria`);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe("firstFreeSlug", () => {
  it("uses the base when free, else the lowest free numbered one", () => {
    expect(firstFreeSlug("amara-okafor", [])).toBe("amara-okafor");
    expect(firstFreeSlug("amara-okafor", ["amara-okafor"])).toBe("amara-okafor-2");
    expect(firstFreeSlug("amara-okafor", ["amara-okafor", "amara-okafor-2", "amara-okafor-4"])).toBe("amara-okafor-3");
    // Slugs that only start with the base ("amara-okafor-smith") do not take a number.
    expect(firstFreeSlug("amara-okafor", ["amara-okafor", "amara-okafor-smith"])).toBe("amara-okafor-2");
  });
});
