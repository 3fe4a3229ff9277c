import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AdminBookingRecord } from "@/features/admin";
import { requireAdmin } from "../../admin-access";

export const metadata: Metadata = { title: "Booking record" };
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ bookingId: string }>;
}

/** The record is fetched by the client once (each read is audited), never prefetched here as well. */
export default async function AdminBookingPage({ params }: Props) {
  const { bookingId } = await params;
  await requireAdmin(`/admin/bookings/${encodeURIComponent(bookingId)}`);
  if (!z.uuid().safeParse(bookingId).success) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Booking record</h1>
      <AdminBookingRecord bookingId={bookingId} />
    </div>
  );
}
