import vCardsJS from "vcards-js";
import { optionalCardText, requiredCardText } from "./card-input";
import { finishCard } from "./vcard-format";

/** The patient of a booking as the provider would save them. */
export interface PatientCardDetails {
  /** The patient's user id when they have an account (a stable UID across bookings); null for guests. */
  userId: string | null;
  name: string;
  email: string | null;
  /** E.164. */
  phone: string | null;
}

export interface BuildPatientVCardInput {
  patient: PatientCardDetails;
}

/** The patient's card as vCard 3.0 text: name, email and mobile number. Private: patient data. */
export function buildPatientVCard({ patient }: BuildPatientVCardInput): string {
  const name = requiredCardText("patient.name", patient.name);
  const card = vCardsJS();
  card.version = "3.0";
  if (patient.userId !== null) card.uid = `urn:uuid:${patient.userId}`;
  card.formattedName = name;
  // As on the provider's card: one full name, not guessed into parts.
  card.lastName = name;
  const email = optionalCardText(patient.email);
  if (email !== undefined) card.email = email;
  const phone = optionalCardText(patient.phone);
  if (phone !== undefined) card.cellPhone = phone;
  return finishCard(card.getFormattedString());
}
