import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PrivacyAndData } from "@/features/privacy";
import { getSession } from "@/server/auth";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Privacy & data", robots: { index: false, follow: false } };

export default async function PrivacyAndDataRoute() {
  const session = await getSession();
  if (!session) redirect("/sign-in?callbackUrl=/account/privacy");
  await Promise.all([
    prefetch(trpc.privacy.consents.queryOptions()),
    prefetch(trpc.privacy.exportSummary.queryOptions()),
    prefetch(trpc.privacy.erasurePreview.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <PrivacyAndData />
    </HydrateClient>
  );
}
