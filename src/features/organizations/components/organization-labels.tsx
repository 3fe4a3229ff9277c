import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import type { OrganizationRole } from "../schemas";
import type { OrganizationStatus } from "../types";

export const ROLE_LABEL: Record<OrganizationRole, string> = { OWNER: "Owner", ADMIN: "Admin", MANAGER: "Manager", STAFF: "Staff" };

const STATUS_TEXT: Record<OrganizationStatus, string> = {
  PENDING: "Awaiting review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  SUSPENDED: "Suspended",
};

const STATUS_TONE: Record<OrganizationStatus, string> = {
  PENDING: "bg-amber-100 text-amber-800",
  APPROVED: "bg-green-100 text-green-800",
  REJECTED: "bg-red-100 text-red-800",
  SUSPENDED: "bg-slate-100 text-slate-700",
};

export function OrganizationStatusBadge({ status }: { status: OrganizationStatus }) {
  return (
    <Badge className={cn(STATUS_TONE[status])} data-testid="organization-status">
      {STATUS_TEXT[status]}
    </Badge>
  );
}

export const textareaClassName =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-400 aria-[invalid=true]:border-red-600";


/** An action's outcome: a refusal as an alert, and a live status line (kept in the page so it is announced). */
export function ActionMessages({ error, status }: { error: string; status: string }) {
  return (
    <>
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {status}
      </p>
    </>
  );
}
