import { describe, expect, it } from "vitest";
import { parseSlotLink } from "@/features/availability";
import { nextFreeHref } from "./next-free-link";
import type { ProviderSearchResult } from "./types";

const SERVICE = "3f0c9a52-6a53-4f3e-9d55-1f2a6b7c8d90";
const LOCATION = "7b1e2d34-5c6f-4a8b-9c0d-e1f2a3b4c5d6";
const startsAt = new Date("2027-12-03T09:30:00Z");

const result = (overrides: Partial<ProviderSearchResult> = {}): ProviderSearchResult => ({
  provider: { id: "p1", slug: "sofia-almeida", displayName: "Sofia Almeida", languages: ["en"], timeZone: "Europe/London", specialties: [] },
  mode: "IN_PERSON",
  location: {
    id: LOCATION,
    name: "Harbour Health King's Cross",
    formattedAddress: "14 Pancras Square",
    timeZone: "Europe/London",
    latitude: 51.53,
    longitude: -0.12,
    distanceMeters: 600,
  },
  services: [],
  nextAvailable: { startsAt, endsAt: new Date("2027-12-03T10:20:00Z"), serviceId: SERVICE, timeZone: "Europe/London" },
  ...overrides,
});

const queryOf = (href: string) => Object.fromEntries(new URL(href, "http://localhost").searchParams);

describe("nextFreeHref", () => {
  it("opens the provider page on the in-person time at the result's location", () => {
    const href = nextFreeHref(result())!;
    expect(href.startsWith("/providers/sofia-almeida?")).toBe(true);
    expect(parseSlotLink(queryOf(href))).toEqual({ serviceId: SERVICE, slot: { startsAt, mode: "IN_PERSON", locationId: LOCATION } });
  });

  it("names no location for an online result", () => {
    const href = nextFreeHref(result({ mode: "ONLINE", location: null }))!;
    expect(parseSlotLink(queryOf(href))).toEqual({ serviceId: SERVICE, slot: { startsAt, mode: "ONLINE", locationId: null } });
  });

  it("has no link without a free time", () => {
    expect(nextFreeHref(result({ nextAvailable: null }))).toBeNull();
  });
});
