import Link from "next/link";

export type ManageLinkProblemKind = "expired" | "rate-limited";

/**
 * What a manage link shows when it cannot show the booking for a reason the patient should
 * know: the link outlived the appointment, or too many links were tried from this address.
 * The message comes from the server (it names the lifetime or the wait).
 */
export function ManageLinkProblem({ kind, message }: { kind: ManageLinkProblemKind; message: string }) {
  return (
    <section className="mx-auto max-w-2xl space-y-3" aria-labelledby="manage-link-problem">
      <h1 id="manage-link-problem" className="text-2xl font-semibold">
        {kind === "expired" ? "This booking link has expired" : "Please wait a moment"}
      </h1>
      <p>{message}</p>
      <p>
        <Link href="/my-bookings" className="text-brand-700 underline">
          My bookings
        </Link>{" "}
        ·{" "}
        <Link href="/" className="text-brand-700 underline">
          Find a provider
        </Link>
      </p>
    </section>
  );
}
