import Link from "next/link";

export default function BookingLinkNotFound() {
  return (
    <section className="mx-auto max-w-2xl space-y-3" aria-labelledby="booking-not-found">
      <h1 id="booking-not-found" className="text-2xl font-semibold">
        We could not find this booking
      </h1>
      <p>
        The link may be incomplete: open it again from where you kept it (your bookmark, your calendar event or the link you copied),
        making sure you use the whole link. If you booked while signed in, or have since signed in with the same email address, your
        bookings are also under{" "}
        <Link href="/my-bookings" className="text-brand-700 underline">
          My bookings
        </Link>
        .
      </p>
      <p>
        <Link href="/" className="text-brand-700 underline">
          Find a provider
        </Link>
      </p>
    </section>
  );
}
