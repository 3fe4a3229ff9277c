import type { Metadata } from "next";
import { AdminOverview } from "@/features/admin";
import { DeadLetters } from "@/features/communications";
import { PendingOrganizations } from "@/features/organizations";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireAdmin } from "./admin-access";

export const metadata: Metadata = { title: "Administration" };
export const dynamic = "force-dynamic";

export default async function AdminPage() {
  await requireAdmin("/admin");
  await prefetch(trpc.admin.overview.queryOptions());
  await prefetch(trpc.notifications.deadLetters.queryOptions({ limit: 25 }));
  await prefetch(trpc.organizations.pending.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Administration</h1>
        <AdminOverview />
        <PendingOrganizations />
        <DeadLetters />
      </div>
    </HydrateClient>
  );
}
