import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AcceptInvitation, INVITATION_TOKEN_PATTERN } from "@/features/organizations";
import { getSession } from "@/server/auth";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

// The path is a secret: keep it out of search engines and out of Referer headers to other sites.
export const metadata: Metadata = {
  title: "Invitation",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

interface Props {
  params: Promise<{ token: string }>;
}

/**
 * An invitation link. Accepting needs the invited account, so a visitor who is not signed in
 * goes to sign in (a first Google sign-in creates the account) and comes back here.
 */
export default async function InvitationRoute({ params }: Props) {
  const { token } = await params;
  if (!INVITATION_TOKEN_PATTERN.test(token)) notFound();
  const path = `/invitations/${token}`;
  if (!(await getSession())) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  try {
    await getQueryClient().fetchQuery(trpc.organizations.invitations.byToken.queryOptions({ token }));
  } catch (error) {
    const { code, message } = error as { code?: unknown; message: string };
    if (code === "NOT_FOUND") notFound();
    if (code === "TOO_MANY_REQUESTS") {
      return (
        <p role="alert" className="mx-auto max-w-xl text-red-700">
          {message}
        </p>
      );
    }
    throw error;
  }
  return (
    <HydrateClient>
      <AcceptInvitation token={token} />
    </HydrateClient>
  );
}
