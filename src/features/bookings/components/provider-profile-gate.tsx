"use client";

import type { ReactNode } from "react";
import type { MyProviderProfileDto } from "@/features/providers";
import { useMyProviderProfile } from "../hooks/use-provider-bookings";

/** Renders its children once the provider's profile (and so their time zone) is loaded. */
export function ProviderProfileGate({
  loadingLabel,
  children,
}: {
  loadingLabel: string;
  children: (profile: MyProviderProfileDto) => ReactNode;
}) {
  const me = useMyProviderProfile();
  if (me.isPending) return <p role="status">{loadingLabel}</p>;
  if (me.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load your profile: {me.error.message}
      </p>
    );
  }
  return children(me.data);
}
