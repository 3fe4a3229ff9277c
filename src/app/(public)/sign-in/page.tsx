import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { safeCallbackUrl, SignInWithGoogleButton } from "@/features/auth";
import { getSession } from "@/server/auth";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "Google did not confirm this email address, so we could not sign you in.",
  OAuthCallback: "Signing in with Google did not complete. Please try again.",
  OAuthSignin: "We could not reach Google to start signing in. Please try again.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSession()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Signing in failed. Please try again.") : null;
  return (
    <div className="mx-auto max-w-sm">
      <Card className="space-y-4">
        <h1 className="text-xl font-semibold">Sign in to MedBookings</h1>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <SignInWithGoogleButton callbackUrl={callbackUrl} />
      </Card>
    </div>
  );
}
