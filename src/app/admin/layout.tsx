import type { ReactNode } from "react";
import { getSession } from "@/server/auth";
import { AdminNav } from "./admin-nav";

/** The admin area's frame; each page enforces access with requireAdmin. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (session?.user.role !== "ADMIN") return children;
  return (
    <div className="space-y-6">
      <AdminNav />
      {children}
    </div>
  );
}
