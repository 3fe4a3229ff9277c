import { describe, expect, it } from "vitest";
import { matchSlotLink, parseSlotLink, slotLinkQuery, type SlotLinkRequest } from "./slot-link";

const SERVICE = "3f0c9a52-6a53-4f3e-9d55-1f2a6b7c8d90";
const LOCATION = "7b1e2d34-5c6f-4a8b-9c0d-e1f2a3b4c5d6";
const OTHER = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const START = "2027-12-03T09:30:00.000Z";

const queryOf = (search: string) => Object.fromEntries(new URLSearchParams(search));

describe("slotLinkQuery", () => {
  it("names the service, the mode, the place of an in-person time and the start as an ISO instant", () => {
    const query = slotLinkQuery({ serviceId: SERVICE, mode: "IN_PERSON", locationId: LOCATION, startsAt: new Date(START) });
    expect(query).toBe(`?service=${SERVICE}&mode=IN_PERSON&location=${LOCATION}&start=2027-12-03T09%3A30%3A00.000Z`);
  });

  it("has no location for an online time, and reads back as it was written", () => {
    const query = slotLinkQuery({ serviceId: SERVICE, mode: "ONLINE", locationId: null, startsAt: new Date(START) });
    expect(query).not.toContain("location=");
    expect(parseSlotLink(queryOf(query))).toEqual({ serviceId: SERVICE, slot: { startsAt: new Date(START), mode: "ONLINE", locationId: null } });
  });
});

describe("parseSlotLink", () => {
  it("reads an in-person time, offsets included", () => {
    expect(parseSlotLink({ service: SERVICE, mode: "IN_PERSON", location: LOCATION, start: "2027-12-03T10:30:00+01:00" })).toEqual({
      serviceId: SERVICE,
      slot: { startsAt: new Date(START), mode: "IN_PERSON", locationId: LOCATION },
    });
  });

  it("ignores a page without a link, a malformed service or a repeated one", () => {
    expect(parseSlotLink({})).toBeNull();
    expect(parseSlotLink({ service: "general-consultation", mode: "ONLINE", start: START })).toBeNull();
    expect(parseSlotLink({ service: [SERVICE, OTHER], mode: "ONLINE", start: START })).toBeNull();
  });

  it("keeps the service and drops a time that is malformed, out of range or in the wrong shape for its mode", () => {
    const dropped = [
      { mode: "ONLINE" },
      { mode: "ONLINE", start: "tomorrow" },
      // Date's own parser would read these; a link carries only the written ISO form.
      { mode: "ONLINE", start: "12" },
      { mode: "ONLINE", start: "2027-12-03" },
      { mode: "ONLINE", start: "2027-02-30T09:00:00Z" },
      { mode: "ONLINE", start: "2150-01-01T09:00:00Z" },
      { mode: "ONLINE", start: [START, START] },
      { mode: "BY_PHONE", start: START },
      { mode: "IN_PERSON", start: START },
      { mode: "IN_PERSON", location: "harbour-health", start: START },
      { mode: "ONLINE", location: LOCATION, start: START },
    ];
    for (const params of dropped) {
      expect(parseSlotLink({ service: SERVICE, ...params }), JSON.stringify(params)).toEqual({ serviceId: SERVICE, slot: null });
    }
  });
});

describe("matchSlotLink", () => {
  const provider = {
    services: [
      { id: SERVICE, isOnline: false, isInPerson: true },
      { id: OTHER, isOnline: true, isInPerson: false },
    ],
    locations: [{ id: LOCATION }],
  };
  const inPerson: SlotLinkRequest = { serviceId: SERVICE, slot: { startsAt: new Date(START), mode: "IN_PERSON", locationId: LOCATION } };

  it("keeps a time the provider offers", () => {
    expect(matchSlotLink(inPerson, provider)).toEqual(inPerson);
    const online: SlotLinkRequest = { serviceId: OTHER, slot: { startsAt: new Date(START), mode: "ONLINE", locationId: null } };
    expect(matchSlotLink(online, provider)).toEqual(online);
  });

  it("drops a service that is not this provider's", () => {
    expect(matchSlotLink({ ...inPerson, serviceId: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" }, provider)).toBeNull();
    expect(matchSlotLink(null, provider)).toBeNull();
  });

  it("keeps the service but drops a time in a mode it is not offered in or at another provider's location", () => {
    expect(matchSlotLink({ serviceId: SERVICE, slot: { startsAt: new Date(START), mode: "ONLINE", locationId: null } }, provider)).toEqual({
      serviceId: SERVICE,
      slot: null,
    });
    expect(matchSlotLink({ serviceId: SERVICE, slot: { startsAt: new Date(START), mode: "IN_PERSON", locationId: OTHER } }, provider)).toEqual({
      serviceId: SERVICE,
      slot: null,
    });
    expect(matchSlotLink({ serviceId: SERVICE, slot: null }, provider)).toEqual({ serviceId: SERVICE, slot: null });
  });
});
