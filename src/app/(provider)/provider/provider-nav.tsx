import { SectionNav } from "@/components/ui/section-nav";

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
  return <SectionNav label="Provider" links={LINKS} />;
}
