import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import type { BookingStatus } from "../types";

const STATUS_TEXT: Record<BookingStatus, string> = {
  HELD: "Reserved",
  EXPIRED: "Reservation expired",
  PENDING: "Waiting for the provider",
  CONFIRMED: "Confirmed",
  DECLINED: "Declined by the provider",
  CANCELLED: "Cancelled",
  COMPLETED: "Completed",
  NO_SHOW: "Missed",
};

const STATUS_TONE: Record<BookingStatus, string> = {
  HELD: "bg-slate-100 text-slate-700",
  EXPIRED: "bg-slate-100 text-slate-700",
  PENDING: "bg-amber-100 text-amber-800",
  CONFIRMED: "bg-green-100 text-green-800",
  DECLINED: "bg-red-100 text-red-800",
  CANCELLED: "bg-red-100 text-red-800",
  COMPLETED: "bg-slate-100 text-slate-700",
  NO_SHOW: "bg-slate-100 text-slate-700",
};

export function statusText(status: BookingStatus): string {
  return STATUS_TEXT[status];
}

export function StatusBadge({ status }: { status: BookingStatus }) {
  return (
    <Badge className={cn(STATUS_TONE[status])} data-testid="booking-status">
      {STATUS_TEXT[status]}
    </Badge>
  );
}
