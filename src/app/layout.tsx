import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/features/auth";
import { TRPCReactProvider } from "@/trpc/react";
import { caller } from "@/trpc/server";
import "./globals.css";
import { ZodWithoutEval } from "./zod-without-eval";

export const metadata: Metadata = {
  title: { default: "MedBookings", template: "%s · MedBookings" },
  description: "Find a healthcare provider and book an appointment online.",
};

// Every page shows who is signed in, so nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const me = await (await caller()).auth.me();
  return (
    <html lang="en">
      <body>
        <ZodWithoutEval />
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="text-lg font-bold text-brand-700">
              MedBookings
            </Link>
            <nav aria-label="Account" className="flex items-center gap-3 text-sm">
              {me ? <Link href="/my-bookings">My bookings</Link> : null}
              {me ? <Link href="/organizations">Organizations</Link> : null}
              {me?.providerSlug ? <Link href="/provider">Provider area</Link> : null}
              {me && !me.providerSlug ? <Link href="/provider/onboarding">Offer care on MedBookings</Link> : null}
              {me?.role === "ADMIN" ? <Link href="/admin">Admin</Link> : null}
              {me ? <Link href="/account/privacy">Privacy &amp; data</Link> : null}
              {me ? (
                <>
                  <span data-testid="signed-in-user">
                    Signed in as <strong>{me.name ?? me.email}</strong>
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <Link href="/sign-in" className="font-medium text-brand-700">
                  Sign in
                </Link>
              )}
            </nav>
          </div>
        </header>
        <TRPCReactProvider>
          <main id="main" className="mx-auto max-w-6xl px-4 py-8">
            {children}
          </main>
        </TRPCReactProvider>
        <footer className="border-t border-slate-200">
          <nav aria-label="Terms and privacy" className="mx-auto flex max-w-6xl flex-wrap gap-4 px-4 py-4 text-sm text-slate-600">
            <Link href="/terms">Terms of use</Link>
            <Link href="/privacy">Privacy notice</Link>
            <Link href="/provider-terms">Provider terms</Link>
          </nav>
        </footer>
      </body>
    </html>
  );
}
