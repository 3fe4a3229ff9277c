"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const LINKS = [
  { href: "/provider", label: "Dashboard" },
  { href: "/provider/bookings", label: "Bookings" },
  { href: "/provider/calendar", label: "Calendar" },
  { href: "/provider/calendar-sync", label: "Google Calendar" },
  { href: "/provider/schedule", label: "Schedule" },
  { href: "/provider/services", label: "Services" },
  { href: "/provider/organizations", label: "Organizations" },
  { href: "/provider/notifications", label: "Notifications" },
  { href: "/provider/settings", label: "Settings" },
] as const;

export function ProviderNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Provider" className="border-b border-slate-200">
      <ul className="flex flex-wrap gap-1">
        {LINKS.map((link) => {
          const isCurrent = pathname === link.href;
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium",
                  isCurrent ? "border-brand-600 text-brand-700" : "border-transparent text-slate-700 hover:text-slate-900",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
