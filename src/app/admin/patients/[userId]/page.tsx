import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AdminPatientRecord } from "@/features/admin";
import { requireAdmin } from "../../admin-access";

export const metadata: Metadata = { title: "Patient record" };
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ userId: string }>;
}

/** The record is fetched by the client once (each read is audited), never prefetched here as well. */
export default async function AdminPatientPage({ params }: Props) {
  const { userId } = await params;
  await requireAdmin(`/admin/patients/${encodeURIComponent(userId)}`);
  if (!z.uuid().safeParse(userId).success) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Patient record</h1>
      <AdminPatientRecord userId={userId} />
    </div>
  );
}
