import { describe, expect, it } from "vitest";
import { adminTime, futureBookingsPhrase, reviewActionText } from "./review-labels";

describe("review labels", () => {
  it("counts future bookings in words", () => {
    expect(futureBookingsPhrase(0)).toBe("0 future bookings");
    expect(futureBookingsPhrase(1)).toBe("1 future booking");
    expect(futureBookingsPhrase(12)).toBe("12 future bookings");
  });

  it("names each decision, with the document it was about", () => {
    expect(reviewActionText("provider.suspended", null)).toBe("Provider suspended");
    expect(reviewActionText("provider_document.rejected", "Identity document")).toBe("Document rejected: Identity document");
    expect(reviewActionText("provider.something_new", null)).toBe("provider.something_new");
  });

  it("shows admin times in UTC, named, whatever the server's zone", () => {
    expect(adminTime(new Date("2027-03-28T01:30:00Z"))).toBe("Sun, 28 Mar 2027, 01:30 UTC");
  });
});
