import { ERASED_PATIENT_NAME } from "@/lib/erased-person";
import type { BookingStatusValue, PatientSummary, ProviderStatusValue } from "../../directory-types";

export const BOOKING_STATUS_LABEL: Record<BookingStatusValue, string> = {
  HELD: "Held (not booked yet)",
  EXPIRED: "Hold expired",
  PENDING: "Waiting for the provider",
  CONFIRMED: "Confirmed",
  DECLINED: "Declined",
  CANCELLED: "Cancelled",
  COMPLETED: "Completed",
  NO_SHOW: "No-show",
};

export const PROVIDER_STATUS_LABEL: Record<ProviderStatusValue, string> = {
  PENDING: "Awaiting verification",
  APPROVED: "Approved",
  SUSPENDED: "Suspended",
  REJECTED: "Rejected",
};

export const ERASED_PATIENT = ERASED_PATIENT_NAME;

export function patientSummaryText(patient: PatientSummary): { name: string; detail: string | null } {
  switch (patient.kind) {
    case "ACCOUNT":
      return { name: patient.name, detail: patient.maskedEmail };
    case "GUEST":
      return { name: `${patient.name} (guest)`, detail: patient.maskedEmail };
    case "ERASED":
      return { name: ERASED_PATIENT, detail: null };
    case "NONE":
      return { name: "No patient yet (a hold)", detail: null };
  }
}

/** "Minutes after midnight" as a clock time, for quiet hours. */
export function minuteLabel(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
