import type { BookableServiceDto, PatientBookingDto } from "./types";

/** What a staff member may book on the phone: the organization's bookable providers and its locations. */
export interface PhoneBookingOptionsDto {
  /** Only an APPROVED organization books; the others are told why. */
  organization: { id: string; name: string; status: "PENDING" | "APPROVED" | "REJECTED" | "SUSPENDED" };
  providers: Array<{
    id: string;
    displayName: string;
    timeZone: string;
    services: BookableServiceDto[];
  }>;
  locations: Array<{ id: string; name: string; formattedAddress: string; timeZone: string; countryCode: string | null }>;
}

/** A phone booking as the staff member who made it sees it: the patient's copy plus who took it and how. */
export interface PhoneBookingDto extends PatientBookingDto {
  channel: "PHONE";
  bookedByUserId: string;
  contactTakenByStaff: boolean;
  patient: { name: string; email: string; phone: string | null; whatsappOptIn: boolean };
}
