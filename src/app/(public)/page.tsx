import Link from "next/link";
import { ErasedNotice } from "@/features/privacy";
import { ProviderDirectory } from "@/features/providers";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { erased } = await searchParams;
  await Promise.all([prefetch(trpc.providers.list.queryOptions({ page: 1 })), prefetch(trpc.providers.specialties.queryOptions())]);
  return (
    <HydrateClient>
      <div className="space-y-8">
        {erased === "1" ? <ErasedNotice /> : null}
        <section className="space-y-2">
          <h1 className="text-3xl font-bold tracking-tight">Book a healthcare appointment</h1>
          <p className="max-w-2xl text-slate-700">
            Verified providers across specialties and languages, online or in person.
          </p>
          <p>
            <Link href="/search" className="font-medium text-brand-700 hover:underline">
              Find care near you: search by place or postcode, nearest or soonest first
            </Link>
          </p>
          <p className="text-sm text-slate-700">
            A healthcare professional?{" "}
            <Link href="/provider/onboarding" className="font-medium text-brand-700 hover:underline">
              Offer care on MedBookings
            </Link>
          </p>
        </section>
        <ProviderDirectory />
      </div>
    </HydrateClient>
  );
}
