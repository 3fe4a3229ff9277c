export type BookingStatus = "HELD" | "EXPIRED" | "PENDING" | "CONFIRMED" | "DECLINED" | "CANCELLED" | "COMPLETED" | "NO_SHOW";
export type BookingModeValue = "IN_PERSON" | "ONLINE";

export interface HoldDto {
  holdId: string;
  holdToken: string;
  expiresAt: Date;
}

export type ContactChannel = "EMAIL" | "SMS";

/** A service as the booking screens offer it: what the slot picker, the chosen-time summary and the submit button need. */
export interface BookableServiceDto {
  id: string;
  name: string;
  durationMinutes: number;
  priceMinor: number;
  currency: string;
  isOnline: boolean;
  isInPerson: boolean;
  requiresApproval: boolean;
  bookingHorizonDays: number;
}

/**
 * Where proving the contact details stands for one hold: the latest code sent (a new address or
 * channel starts a new one). The address is masked: the caller typed it, but a response may sit in
 * logs or caches.
 */
export interface ContactVerificationDto {
  channel: ContactChannel;
  /** "a***@example.com" or "+44 ******0123". */
  maskedAddress: string;
  isVerified: boolean;
  codeExpiresAt: Date;
  /** Wrong tries left on the current code before a new one is needed. */
  attemptsLeft: number;
  /** Codes that may still be sent for this hold. */
  sendsLeft: number;
  /** Seconds until another code may be sent (0: now). Relative, so the client's clock does not matter. */
  resendAfterSeconds: number;
  /** The hold's expiry, lengthened while the code is being entered; null once it is a booking. */
  holdExpiresAt: Date | null;
}

export interface SlotAlternative {
  startsAt: Date;
  endsAt: Date;
  mode: BookingModeValue;
  locationId: string | null;
}

/** A booking as its patient sees it (on the manage page, confirmation and "My bookings"). */
export interface PatientBookingDto {
  id: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  mode: BookingModeValue;
  provider: { id: string; slug: string; displayName: string; timeZone: string };
  service: { id: string; name: string; durationMinutes: number; priceMinor: number; currency: string };
  location: { id: string; name: string; formattedAddress: string; timeZone: string } | null;
  notes: string;
  cancellationReason: string | null;
  /** Until when the patient may still cancel or reschedule online. */
  changeableUntil: Date;
  canChange: boolean;
}

export interface ConfirmedBookingDto extends PatientBookingDto {
  /** The secret of the manage link; shown once, after confirming. */
  manageToken: string;
}

/** A booking as the provider sees it: with the patient's contact details. */
export interface ProviderBookingDto {
  id: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  mode: BookingModeValue;
  service: { id: string; name: string };
  location: { id: string; name: string; timeZone: string } | null;
  patient: { name: string; email: string | null; phone: string | null; isGuest: boolean };
  notes: string;
  cancellationReason: string | null;
  /** ONLINE by the patient, or PHONE by an organization's staff member (named, while their account exists). */
  channel: "ONLINE" | "PHONE";
  bookedBy: { name: string } | null;
  /** A phone booking whose contact the staff member vouched for instead of a code. */
  contactTakenByStaff: boolean;
}
