import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MyOrganizations } from "@/features/organizations";
import { getSession } from "@/server/auth";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Organizations", robots: { index: false, follow: false } };

export default async function OrganizationsRoute() {
  const session = await getSession();
  if (!session) redirect("/sign-in?callbackUrl=/organizations");
  await prefetch(trpc.organizations.mine.queryOptions());
  return (
    <HydrateClient>
      <MyOrganizations />
    </HydrateClient>
  );
}
