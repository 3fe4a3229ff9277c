"use client";

import Link from "next/link";

/**
 * The page shown when rendering fails on the server (the database unreachable, a bug). In
 * production Next.js passes no message to the browser, only a digest that matches the server log.
 */
export default function RouteError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="space-y-3" aria-labelledby="route-error-heading">
      <h1 id="route-error-heading" className="text-2xl font-semibold">
        This page could not be shown
      </h1>
      <p>MedBookings is temporarily unavailable or something went wrong on our side. Please try again in a moment.</p>
      <p className="flex gap-4">
        <button type="button" onClick={reset} className="text-brand-700 underline">
          Try again
        </button>
        <Link href="/" className="text-brand-700 underline">
          Find a provider
        </Link>
      </p>
    </section>
  );
}
