import { describe, expect, it } from "vitest";
import { describeErasure, erasureBlockers, exportFileName, type ErasureFacts, type ErasureScopeCounts } from "./erasure-rules";

const none: ErasureFacts = { isPlatformAdmin: false, providerName: null, ownedOrganizations: [], upcomingBookings: [] };
const booking = (id: string) => ({
  id,
  status: "CONFIRMED",
  startsAt: new Date("2027-03-02T09:00:00Z"),
  timeZone: "Europe/London",
  serviceName: "Consultation",
  providerName: "Dr Example",
});

describe("erasureBlockers", () => {
  it("lets an ordinary patient with nothing to come erase", () => {
    expect(erasureBlockers(none)).toEqual([]);
  });

  it("names each blocker with what to do, in a fixed order", () => {
    const blockers = erasureBlockers({
      isPlatformAdmin: true,
      providerName: "Dr Ada",
      ownedOrganizations: [
        { id: "o1", name: "North Clinic" },
        { id: "o2", name: "South Clinic" },
        { id: "o3", name: "West Clinic" },
      ],
      upcomingBookings: [booking("b1"), booking("b2")],
    });
    expect(blockers.map((blocker) => blocker.kind)).toEqual(["PLATFORM_ADMIN", "PROVIDER", "ORGANIZATION_OWNER", "UPCOMING_BOOKINGS"]);
    expect(blockers[0]!.message).toMatch(/another administrator must first remove your administrator role/i);
    expect(blockers[1]!.message).toMatch(/provider profile \(Dr Ada\).*platform administrators/);
    expect(blockers[2]!.message).toContain("North Clinic, South Clinic and West Clinic");
    expect(blockers[2]!.message).toMatch(/make another member an owner, then leave the organization/);
    expect(blockers[3]!.message).toMatch(/^Cancel your 2 upcoming bookings first/);
    expect(blockers[3]).toMatchObject({ bookings: [{ id: "b1" }, { id: "b2" }] });
  });

  it("says booking in the singular for one", () => {
    expect(erasureBlockers({ ...none, upcomingBookings: [booking("b1")] })[0]!.message).toMatch(/^Cancel your 1 upcoming booking first/);
    expect(erasureBlockers({ ...none, ownedOrganizations: [{ id: "o", name: "Solo" }] })[0]!.message).toMatch(/owner of Solo\./);
  });
});

describe("describeErasure", () => {
  const counts: ErasureScopeCounts = {
    signInLinks: 1,
    sessions: 2,
    patientProfile: 1,
    notificationPreferences: 0,
    contactVerifications: 0,
    contactChannels: 3,
    bookings: 4,
    contactCards: 0,
    notifications: 5,
    memberships: 0,
    invitations: 0,
    consentRecords: 6,
    auditEntries: 7,
  };

  it("lists what goes and what stays with counts, leaving out kinds there are none of", () => {
    const { removed, kept } = describeErasure(counts);
    expect(removed.map((item) => item.count)).toEqual([null, 1, 2, 1, 3, 4, 5]);
    expect(removed.some((item) => /notification settings/.test(item.what))).toBe(false);
    expect(kept.map((item) => item.count)).toEqual([4, 5, 6, 7, null]);
    expect(kept.every((item) => item.why.length > 0)).toBe(true);
    expect(kept.at(-1)!.why).toMatch(/new, empty account/);
  });
});

describe("exportFileName", () => {
  it("dates the file in UTC", () => {
    expect(exportFileName(new Date("2027-03-01T23:30:00-05:00"))).toBe("medbookings-data-2027-03-02.json");
    expect(exportFileName(new Date("2027-12-31T00:00:00Z"))).toBe("medbookings-data-2027-12-31.json");
  });
});
