import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors/app-error";

import { timeZoneAt } from "./time-zone";

describe("timeZoneAt", () => {
  it.each([
    ["London (King's Cross)", 51.5357, -0.1257, "Europe/London"],
    ["New York (Midtown)", 40.7484, -73.9857, "America/New_York"],
    ["Mumbai (Bandra)", 19.0544, 72.8406, "Asia/Kolkata"],
    ["Adelaide (North Terrace)", -34.9205, 138.6007, "Australia/Adelaide"],
    ["Broken Hill, New South Wales, which keeps Adelaide's time", -31.9539, 141.4539, "Australia/Broken_Hill"],
  ])("%s", (_label, latitude, longitude, zone) => {
    expect(timeZoneAt(latitude, longitude)).toBe(zone);
  });

  it("gives Adelaide's half-hour offset (UTC+9:30 in winter, +10:30 in summer)", () => {
    const offset = (at: string) =>
      new Intl.DateTimeFormat("en-US", { timeZone: timeZoneAt(-34.9205, 138.6007), timeZoneName: "longOffset" })
        .formatToParts(new Date(at))
        .find((part) => part.type === "timeZoneName")?.value;
    expect(offset("2026-07-01T00:00:00Z")).toBe("GMT+09:30");
    expect(offset("2026-01-01T00:00:00Z")).toBe("GMT+10:30");
  });

  it("answers a nautical zone at sea (mid-Atlantic, 30° W)", () => {
    expect(timeZoneAt(0, -30)).toBe("Etc/GMT+2");
  });

  it.each([
    [91, 0, "latitude"],
    [0, -180.5, "longitude"],
    [Number.NaN, 0, "latitude"],
  ])("refuses %s, %s naming %s", (latitude, longitude, field) => {
    let error: unknown;
    try {
      timeZoneAt(latitude, longitude);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect((error as AppError).details?.fieldErrors).toHaveProperty(field);
  });
});
