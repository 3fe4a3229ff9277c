"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const subscribeNever = () => () => {};

/**
 * The manage link, to copy or select. It is the patient's only key to a guest booking: no email
 * carries it yet, so the page offers to keep it rather than promising to send it.
 */
export function ManageLink({ token }: { token: string }) {
  const id = useId();
  // The origin is the browser's; the server renders the field empty and the browser fills it in.
  const origin = useSyncExternalStore(subscribeNever, () => window.location.origin, () => null);
  const link = origin ? `${origin}/bookings/${token}` : "";
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        Link to this booking
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 basis-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <Button variant="secondary" onClick={() => void copy()} disabled={!link}>
          Copy link
        </Button>
      </div>
      <p role="status" className="text-sm text-slate-700">
        {copyState === "copied" ? "Link copied." : copyState === "failed" ? "Copying was not allowed here: select the link and copy it." : ""}
      </p>
    </div>
  );
}
