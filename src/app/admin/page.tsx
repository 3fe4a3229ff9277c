import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { AdminOverview } from "@/features/admin";
import { DeadLetters } from "@/features/communications";
import { PendingOrganizations } from "@/features/organizations";
import { getSession } from "@/server/auth";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Administration" };
export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const session = await getSession();
  if (!session) redirect("/sign-in?callbackUrl=/admin");
  if (session.user.role !== "ADMIN") forbidden();
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
