import { cn } from "@/lib/cn";

/** Starts Google's consent page. A link, not a form: the CSP's form-action 'self' would block a form's redirect to Google. */
export const CONNECT_START_PATH = "/api/calendar-connections/google/start";

export function ConnectGoogleLink({ label = "Connect Google Calendar", variant = "primary", describedBy }: { label?: string; variant?: "primary" | "secondary"; describedBy?: string }) {
  return (
    <a
      href={CONNECT_START_PATH}
      aria-describedby={describedBy}
      className={cn(
        "inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium",
        variant === "primary" ? "bg-brand-600 text-white hover:bg-brand-700" : "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100",
      )}
    >
      {label}
    </a>
  );
}
