"use client";

import { AffectedBookings } from "@/features/bookings";
import { ClosuresPage } from "@/features/organizations";

/** The closures page with the bookings list of the bookings feature under each new closure. */
export function OrganizationClosures({ organizationId }: { organizationId: string }) {
  return (
    <ClosuresPage
      organizationId={organizationId}
      renderAffected={({ closureId }) => <AffectedBookings key={closureId} source={{ kind: "closure", organizationId, closureId }} headingLevel={3} />}
    />
  );
}
