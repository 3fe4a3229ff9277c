import type { Metadata } from "next";
import { NotificationLog } from "@/features/admin";
import { requireAdmin } from "../admin-access";

export const metadata: Metadata = { title: "Notification log" };
export const dynamic = "force-dynamic";

export default async function AdminNotificationsPage() {
  await requireAdmin("/admin/notifications");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Notification log</h1>
      <NotificationLog />
    </div>
  );
}
