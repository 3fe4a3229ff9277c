import type { ReactNode } from "react";
import { CONSENT_VERSIONS } from "@/server/consent/consent-versions";
import { versionDateLabel } from "../../privacy-labels";

/** A document people agree to, with its version: the date it took effect (kept with each agreement). */
export function LegalDocument({ title, subject, intro, children }: { title: string; subject: "TERMS" | "PRIVACY_NOTICE" | "PROVIDER_TERMS"; intro: ReactNode; children: ReactNode }) {
  const version = CONSENT_VERSIONS[subject];
  return (
    <article className="max-w-3xl space-y-6 text-slate-800 [&_h2]:pt-2 [&_h2]:text-xl [&_h2]:font-semibold [&_li]:ml-6 [&_li]:list-disc [&_a]:text-brand-700 [&_a]:underline">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
        <p className="text-sm text-slate-600">
          Version {version}, in effect from <time dateTime={version}>{versionDateLabel(version)}</time>.
        </p>
        <div className="text-slate-700">{intro}</div>
      </header>
      {children}
    </article>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
