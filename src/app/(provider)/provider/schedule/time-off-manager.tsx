"use client";

import { OverrideManager } from "@/features/availability";
import { AffectedBookings } from "@/features/bookings";

/** Time off and exceptions, and after a day off the bookings it covers with cancel or keep. */
export function TimeOffManager() {
  return <OverrideManager renderTimeOffWarning={({ overrideId }) => <AffectedBookings key={overrideId} source={{ kind: "timeOff", overrideId }} headingLevel={3} />} />;
}
