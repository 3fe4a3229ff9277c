import { clockTime, WEEKDAY_NAMES, type OpeningHoursInterval } from "../opening-hours";

/** "08:00–12:00, 14:00–18:00" for a day, or "Closed". */
export function dayHoursText(intervals: readonly OpeningHoursInterval[], weekday: number): string {
  const today = intervals.filter((i) => i.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute);
  if (today.length === 0) return "Closed";
  if (today.length === 1 && today[0]!.startMinute === 0 && today[0]!.endMinute === 1440) return "Open 24 hours";
  return today.map((i) => `${clockTime(i.startMinute)}–${clockTime(i.endMinute)}`).join(", ");
}

/** A week of opening hours, Monday first, with the zone they are in said in the caption. */
export function OpeningHoursTable({ intervals, timeZone, caption }: { intervals: readonly OpeningHoursInterval[]; timeZone: string; caption?: string }) {
  return (
    <table className="text-sm">
      <caption className="mb-1 text-left font-medium">
        {caption ?? "Opening hours"} (local time in {timeZone})
      </caption>
      <tbody>
        {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
          <tr key={weekday}>
            <th scope="row" className="pr-4 text-left font-normal text-slate-700">
              {WEEKDAY_NAMES[weekday]}
            </th>
            <td>{dayHoursText(intervals, weekday)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
