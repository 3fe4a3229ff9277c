import type { Metadata } from "next";
import { firstOpenStep, isOnboardingStep, ONBOARDING_PATH, OnboardingWizard } from "@/features/onboarding";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireSignedIn } from "../provider-access";

export const metadata: Metadata = { title: "Offer care on MedBookings", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function ProviderOnboardingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = (await searchParams).step;
  await requireSignedIn(isOnboardingStep(requested) ? `${ONBOARDING_PATH}?step=${requested}` : ONBOARDING_PATH);
  const status = await getQueryClient().fetchQuery(trpc.onboarding.status.queryOptions());
  if (status.profile) {
    await Promise.all([prefetch(trpc.providers.specialties.queryOptions()), prefetch(trpc.providers.myServices.queryOptions())]);
  }
  const step = isOnboardingStep(requested) ? requested : firstOpenStep(status);
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{status.profile ? "Your provider profile" : "Offer care on MedBookings"}</h1>
          <p className="max-w-2xl text-slate-700">
            {status.profile
              ? "Complete each step, then send your profile to our team. Patients can find and book you once it is approved."
              : "Healthcare professionals can list their services and take bookings once our team has verified them."}
          </p>
        </div>
        <OnboardingWizard step={step} />
      </div>
    </HydrateClient>
  );
}
