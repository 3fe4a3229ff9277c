import Link from "next/link";

export default function ProviderNotFound() {
  return (
    <section className="space-y-2" aria-labelledby="provider-not-found">
      <h1 id="provider-not-found" className="text-2xl font-semibold">
        Provider not found
      </h1>
      <p>
        This provider does not exist or is not taking bookings on MedBookings.{" "}
        <Link href="/" className="text-brand-700 underline">
          Find another provider
        </Link>
        .
      </p>
    </section>
  );
}
