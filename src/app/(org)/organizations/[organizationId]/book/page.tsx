import type { Metadata } from "next";
import { PhoneBooking } from "@/features/bookings";
import { OrganizationNav } from "@/features/organizations";
import { HydrateClient } from "@/trpc/server";
import { organizationMetadata, requireOrganizationMember } from "../load-organization";

interface Props {
  params: Promise<{ organizationId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { organizationId } = await params;
  return organizationMetadata(organizationId, "Phone booking");
}

export default async function PhoneBookingRoute({ params }: Props) {
  const { organizationId } = await params;
  await requireOrganizationMember(organizationId, `/organizations/${organizationId}/book`);
  return (
    <HydrateClient>
      <div className="space-y-8">
        <OrganizationNav organizationId={organizationId} />
        <PhoneBooking organizationId={organizationId} />
      </div>
    </HydrateClient>
  );
}
