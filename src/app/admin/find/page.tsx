import type { Metadata } from "next";
import { AdminFind } from "@/features/admin";
import { requireAdmin } from "../admin-access";

export const metadata: Metadata = { title: "Find bookings, providers and patients" };
export const dynamic = "force-dynamic";

export default async function AdminFindPage() {
  await requireAdmin("/admin/find");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Find bookings, providers and patients</h1>
      <p className="text-sm text-slate-700">Results show masked contact details. Opening a booking&apos;s or a patient&apos;s record is recorded in the audit trail.</p>
      <AdminFind />
    </div>
  );
}
