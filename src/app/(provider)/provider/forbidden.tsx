import Link from "next/link";

export default function ProviderForbidden() {
  return (
    <section className="space-y-2" aria-labelledby="provider-forbidden-heading">
      <h1 id="provider-forbidden-heading" className="text-2xl font-semibold">
        This area is for providers
      </h1>
      <p>
        Your account has no provider profile, so there is no schedule or bookings to manage here.{" "}
        <Link href="/" className="text-brand-700 underline">
          Find a provider to book with
        </Link>
        .
      </p>
    </section>
  );
}
