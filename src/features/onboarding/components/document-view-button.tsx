"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/react";

export interface DocumentViewButtonProps {
  documentId: string;
  /** The button's text, e.g. "View licence.pdf". */
  label: string;
}

/**
 * Opens a verification document in a new tab through a fresh 5-minute link made for the signed-in
 * viewer. The tab is opened during the click (so pop-up blockers allow it) and sent to the
 * document once the link arrives; when the browser refused the tab, the link is shown instead.
 */
export function DocumentViewButton({ documentId, label }: DocumentViewButtonProps) {
  const trpc = useTRPC();
  const link = useMutation(trpc.providerDocuments.link.mutationOptions());
  const [fallbackUrl, setFallbackUrl] = useState<string | null>(null);
  const fallbackRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (fallbackUrl !== null) fallbackRef.current?.focus();
  }, [fallbackUrl]);

  const open = () => {
    setFallbackUrl(null);
    const tab = window.open("", "_blank");
    // The document's tab has no business with this page.
    if (tab !== null) tab.opener = null;
    link.mutate(
      { documentId },
      {
        onSuccess: ({ url }) => {
          const absolute = new URL(url, window.location.origin).toString();
          if (tab !== null && !tab.closed) tab.location.replace(absolute);
          else setFallbackUrl(absolute);
        },
        onError: () => tab?.close(),
      },
    );
  };

  return (
    <span className="inline-flex flex-col gap-1">
      <Button variant="secondary" onClick={open} disabled={link.isPending} aria-busy={link.isPending}>
        {link.isPending ? "Opening…" : label}
        <span className="sr-only"> (opens in a new tab)</span>
      </Button>
      {fallbackUrl !== null ? (
        <span className="text-sm">
          <a ref={fallbackRef} href={fallbackUrl} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline">
            Open the document
            <span className="sr-only"> (opens in a new tab)</span>
          </a>{" "}
          <span className="text-slate-600">This link works for 5 minutes.</span>
        </span>
      ) : null}
      {link.isError ? (
        <span role="alert" className="text-sm text-red-700">
          {link.error.message}
        </span>
      ) : null}
    </span>
  );
}
