import type { ReactNode } from "react";
import { ProviderNav } from "./provider-nav";
import { loadProviderAccess } from "./provider-access";

/**
 * The provider area's frame. Access is enforced by `requireProvider` in each page: a layout
 * that redirected or called forbidden() itself would race the page (they render in parallel),
 * losing the page's own callbackUrl and skipping this segment's forbidden.tsx. So without a
 * provider profile the layout only withholds the sub-navigation and lets the page refuse.
 * The page keeps its place in the tree either way: starting a profile in onboarding adds the
 * navigation without remounting the wizard (which would lose its "profile started" status).
 */
export default async function ProviderLayout({ children }: { children: ReactNode }) {
  const access = await loadProviderAccess();
  return (
    <div className="space-y-6">
      {access.kind === "provider" ? <ProviderNav /> : null}
      {children}
    </div>
  );
}
