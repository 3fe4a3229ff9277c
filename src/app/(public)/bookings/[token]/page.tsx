import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ManageBooking, ManageLinkProblem, MANAGE_TOKEN_PATTERN } from "@/features/bookings";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

// The path is a secret: keep it out of search engines and out of Referer headers to other sites.
export const metadata: Metadata = {
  title: "Your booking",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

interface Props {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ManageBookingRoute({ params, searchParams }: Props) {
  const [{ token }, query] = await Promise.all([params, searchParams]);
  if (!MANAGE_TOKEN_PATTERN.test(token)) notFound();
  try {
    await getQueryClient().fetchQuery(trpc.bookings.managed.queryOptions({ token }));
  } catch (error) {
    const { code, message, cause } = error as { code?: unknown; message: string; cause?: { details?: { reason?: unknown } } };
    if (code === "NOT_FOUND" && cause?.details?.reason === "MANAGE_LINK_EXPIRED") {
      return <ManageLinkProblem kind="expired" message={message} />;
    }
    if (code === "NOT_FOUND") notFound();
    if (code === "TOO_MANY_REQUESTS") return <ManageLinkProblem kind="rate-limited" message={message} />;
    throw error;
  }
  return (
    <HydrateClient>
      <ManageBooking token={token} isNew={query.new === "1"} />
    </HydrateClient>
  );
}
