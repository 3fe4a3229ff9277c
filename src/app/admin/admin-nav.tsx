import { SectionNav } from "@/components/ui/section-nav";

const LINKS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/review", label: "Review queue", matchPrefix: true },
  { href: "/admin/find", label: "Find", matchPrefix: true },
  { href: "/admin/notifications", label: "Notification log", matchPrefix: true },
  { href: "/admin/audit", label: "Audit trail", matchPrefix: true },
] as const;

export function AdminNav() {
  return <SectionNav label="Administration" links={LINKS} />;
}
