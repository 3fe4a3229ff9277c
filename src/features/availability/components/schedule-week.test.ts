import { describe, expect, it } from "vitest";
import {
  collectWeek,
  problemsBeforeSave,
  problemsFromFieldErrors,
  weekFromRules,
  weekProblemItems,
  type IntervalDraft,
  type Week,
} from "./schedule-interval-fields";

const PLACE = "11111111-1111-4111-8111-111111111111";

function draft(key: string, start: string, end: string, mode: IntervalDraft["mode"] = "IN_PERSON"): IntervalDraft {
  return { key, start, end, mode, locationId: mode === "IN_PERSON" ? PLACE : "" };
}

describe("weekFromRules", () => {
  it("puts each rule under its weekday, earliest first, keyed by the rule's id", () => {
    const week = weekFromRules([
      { id: "late", weekday: 2, startMinute: 780, endMinute: 1440, mode: "IN_PERSON", locationId: PLACE },
      { id: "early", weekday: 2, startMinute: 480, endMinute: 720, mode: "ONLINE", locationId: null },
    ]);
    expect(week[2]?.map((d) => [d.key, d.start, d.end, d.mode, d.locationId])).toEqual([
      ["early", "08:00", "12:00", "ONLINE", ""],
      ["late", "13:00", "00:00", "IN_PERSON", PLACE],
    ]);
    expect(week[1]).toEqual([]);
    expect(week[7]).toEqual([]);
  });
});

describe("collectWeek", () => {
  it("sends readable intervals in weekday order and keeps the unreadable ones back with their field errors", () => {
    const week: Week = { 3: [draft("wed", "10:00", "11:00", "ONLINE")], 1: [draft("mon-bad", "", "12:00"), draft("mon", "09:00", "00:00")] };
    const collected = collectWeek(week);
    expect(collected.keysByIndex).toEqual(["mon", "wed"]);
    expect(collected.rules).toEqual([
      { weekday: 1, startMinute: 540, endMinute: 1440, mode: "IN_PERSON", locationId: PLACE },
      { weekday: 3, startMinute: 600, endMinute: 660, mode: "ONLINE", locationId: null },
    ]);
    expect(collected.unreadable).toEqual({ "mon-bad": { start: ["Enter a start time."] } });
  });
});

describe("problemsFromFieldErrors", () => {
  it("returns rule errors to the interval of that index and the rest to the general list", () => {
    const problems = problemsFromFieldErrors(
      { "rules.1.locationId": ["Choose where in-person visits take place."], "rules.0.endMinute": ["The end must be after the start."], rules: ["At most 70 intervals a week."] },
      ["a", "b"],
      "unused",
    );
    expect(problems).toEqual({
      byInterval: { b: { location: ["Choose where in-person visits take place."] }, a: { end: ["The end must be after the start."] } },
      general: ["At most 70 intervals a week."],
    });
  });

  it("shows the fallback only when nothing else explains the refusal", () => {
    expect(problemsFromFieldErrors({}, [], "You may no longer edit these hours.")).toEqual({ byInterval: {}, general: ["You may no longer edit these hours."] });
    expect(problemsFromFieldErrors({}, [])).toEqual({ byInterval: {}, general: [] });
  });
});

describe("problemsBeforeSave", () => {
  it("is null when every interval is readable and the schema accepted them", () => {
    expect(problemsBeforeSave(null, collectWeek({ 1: [draft("a", "09:00", "10:00")] }))).toBeNull();
  });

  it("refuses with the unreadable intervals even when the schema accepted the rest", () => {
    const collected = collectWeek({ 1: [draft("a", "09:00", ""), draft("b", "10:00", "11:00")] });
    expect(problemsBeforeSave(null, collected)).toEqual({ byInterval: { a: { end: ["Enter an end time."] } }, general: [] });
  });

  it("refuses when the schema did, with its errors on the intervals they came from", () => {
    const collected = collectWeek({ 1: [draft("a", "", "10:00"), draft("b", "12:00", "11:00")] });
    expect(problemsBeforeSave({ "rules.0.endMinute": ["The end must be after the start."] }, collected)).toEqual({
      byInterval: { b: { end: ["The end must be after the start."] }, a: { start: ["Enter a start time."] } },
      general: [],
    });
  });
});

describe("weekProblemItems", () => {
  const week: Week = { 2: [draft("t1", "09:00", "10:00"), draft("t2", "11:00", "10:00")] };
  const problems = { byInterval: { t2: { location: ["Choose."], mode: ["Only in person."], end: ["The end must be after the start."] } }, general: ["Try again."] };

  it("lists general problems first, then each interval's in the order of its fields, linked to them", () => {
    expect(weekProblemItems({ problems, week, idBaseOf: (key) => `f-${key}` })).toEqual([
      { href: null, text: "Try again." },
      { href: "#f-t2-end", text: "Tuesday interval 2 end: The end must be after the start." },
      { href: "#f-t2-mode", text: "Tuesday interval 2 mode: Only in person." },
      { href: "#f-t2-location", text: "Tuesday interval 2 location: Choose." },
    ]);
  });

  it("does not link to a mode field the in-person-only editor does not show", () => {
    const items = weekProblemItems({ problems, week, idBaseOf: (key) => `f-${key}`, inPersonOnly: true });
    expect(items.find((item) => item.text.includes(" mode: "))?.href).toBeNull();
    expect(items.find((item) => item.text.includes(" location: "))?.href).toBe("#f-t2-location");
  });
});
