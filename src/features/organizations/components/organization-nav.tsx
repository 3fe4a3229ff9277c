import { SectionNav } from "@/components/ui/section-nav";

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
  const links = SECTIONS.map((section) => ({ href: `/organizations/${organizationId}${section.path}`, label: section.label }));
  return <SectionNav label="Organization" links={links} />;
}
