"use client";

import { useEffect, useState } from "react";

function remainingSeconds(expiresAt: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
}

/**
 * How long the chosen time stays reserved. The visible timer is not announced every second;
 * a polite message is read once a minute is left and again when the reservation runs out.
 */
export function HoldCountdown({ expiresAt }: { expiresAt: Date }) {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setSeconds(remainingSeconds(expiresAt));
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [expiresAt]);

  const minutes = seconds === null ? null : Math.floor(seconds / 60);
  const rest = seconds === null ? null : String(seconds % 60).padStart(2, "0");
  const announcement =
    seconds === null || seconds > 60
      ? ""
      : seconds === 0
        ? "Your reservation has run out. You can still confirm: we will book the time if it is still free."
        : "Less than a minute left to confirm this time.";
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      {seconds === null ? (
        <p>We are holding this time for you for a few minutes.</p>
      ) : seconds > 0 ? (
        <p>
          We are holding this time for you for{" "}
          <strong role="timer" aria-live="off">
            {minutes}:{rest}
          </strong>{" "}
          more minutes.
        </p>
      ) : (
        <p>Your reservation has run out. You can still confirm: we will book the time if it is still free.</p>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
