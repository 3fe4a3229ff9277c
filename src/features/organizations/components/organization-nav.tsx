"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const SECTIONS = [
  { path: "", label: "Members" },
  { path: "/providers", label: "Providers" },
  { path: "/locations", label: "Locations" },
  { path: "/closures", label: "Closures and holidays" },
  { path: "/calendar", label: "Calendar" },
  { path: "/book", label: "Phone booking" },
] as const;

/** The sections of an organization's pages; every member sees them all, and each page says what their role allows. */
export function OrganizationNav({ organizationId }: { organizationId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Organization" className="border-b border-slate-200">
      <ul className="flex flex-wrap gap-1">
        {SECTIONS.map((section) => {
          const href = `/organizations/${organizationId}${section.path}`;
          const isCurrent = pathname === href;
          return (
            <li key={section.path}>
              <Link
                href={href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium",
                  isCurrent ? "border-brand-600 text-brand-700" : "border-transparent text-slate-700 hover:text-slate-900",
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
