import type { Metadata } from "next";
import { AuditTrail } from "@/features/admin";
import { requireAdmin } from "../admin-access";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

export default async function AdminAuditPage() {
  await requireAdmin("/admin/audit");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <AuditTrail />
    </div>
  );
}
