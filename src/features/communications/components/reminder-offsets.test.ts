import { describe, expect, it } from "vitest";
import { reminderOffsetLabel, reminderOffsetOptions } from "./reminder-offsets";

describe("reminderOffsetLabel", () => {
  it.each([
    [10_080, "1 week"],
    [20_160, "2 weeks"],
    [4_320, "3 days"],
    [2_880, "48 hours"],
    [1_440, "24 hours"],
    [720, "12 hours"],
    [60, "1 hour"],
    [90, "1 hour 30 minutes"],
    [121, "2 hours 1 minute"],
    [30, "30 minutes"],
    [15, "15 minutes"],
  ])("%i minutes reads %s", (minutes, label) => {
    expect(reminderOffsetLabel(minutes)).toBe(label);
  });
});

describe("reminderOffsetOptions", () => {
  it("adds saved values that are not offered, earliest first, without repeats", () => {
    expect(reminderOffsetOptions([1_440, 45, 8_640])).toEqual([10_080, 8_640, 4_320, 2_880, 1_440, 720, 360, 120, 60, 45, 30]);
    expect(reminderOffsetOptions([])).toHaveLength(9);
  });
});
