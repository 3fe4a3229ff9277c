"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const LINKS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/review", label: "Review queue" },
  { href: "/admin/find", label: "Find" },
  { href: "/admin/notifications", label: "Notification log" },
  { href: "/admin/audit", label: "Audit trail" },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="border-b border-slate-200">
      <ul className="flex flex-wrap gap-1">
        {LINKS.map((link) => {
          const isCurrent = link.href === "/admin" ? pathname === link.href : pathname.startsWith(link.href);
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
