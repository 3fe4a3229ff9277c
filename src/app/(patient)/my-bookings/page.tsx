import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MY_BOOKINGS_PAGE_SIZE, MyBookings } from "@/features/bookings";
import { getSession } from "@/server/auth";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "My bookings", robots: { index: false, follow: false } };

export default async function MyBookingsRoute() {
  const session = await getSession();
  if (!session) redirect("/sign-in?callbackUrl=/my-bookings");
  await prefetch(trpc.bookings.mine.queryOptions({ page: 1, pageSize: MY_BOOKINGS_PAGE_SIZE }));
  return (
    <HydrateClient>
      <div className="space-y-6">
        <nav aria-label="My account" className="text-sm">
          <Link href="/my-bookings/notifications" className="font-medium text-brand-700 underline">
            Notification settings
          </Link>
        </nav>
        <MyBookings />
      </div>
    </HydrateClient>
  );
}
