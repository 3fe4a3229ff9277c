import type { ContactChannelRow } from "./notification-repository";

export type Channel = "EMAIL" | "WHATSAPP" | "SMS";
export interface Destination {
  channel: Channel;
  address: string;
}

export interface PatientReach {
  email: string | null;
  phone: string | null;
  /** A signed-in patient's saved choices; null for guests (and for users who never saved any). */
  preferences: { emailEnabled: boolean; whatsappEnabled: boolean; smsEnabled: boolean } | null;
}

function state(rows: ContactChannelRow[], channel: Channel, address: string) {
  const row = rows.find((candidate) => candidate.channel === channel && candidate.address === address);
  return { usable: !row?.badAt && !row?.optedOutAt, optedIn: Boolean(row?.optedInAt && !row.optedOutAt) };
}

/**
 * Where a patient hears about their booking. Email unless they turned it off; WhatsApp when they
 * opted in (guests tick it on the booking form, signed-in patients in their preferences); SMS when
 * they chose it. An address that bounced or cannot receive, or that opted out (STOP), is never
 * used. If that leaves nothing, the phone's SMS is used so that a reminder still reaches them:
 * they gave the number for this booking.
 */
export function choosePatientDestinations(reach: PatientReach, rows: ContactChannelRow[]): Destination[] {
  const chosen: Destination[] = [];
  const prefs = reach.preferences;
  if (reach.email && state(rows, "EMAIL", reach.email).usable && (prefs?.emailEnabled ?? true)) {
    chosen.push({ channel: "EMAIL", address: reach.email });
  }
  if (reach.phone) {
    const whatsapp = state(rows, "WHATSAPP", reach.phone);
    if (whatsapp.usable && (prefs ? prefs.whatsappEnabled : whatsapp.optedIn)) chosen.push({ channel: "WHATSAPP", address: reach.phone });
    if (state(rows, "SMS", reach.phone).usable && prefs?.smsEnabled) chosen.push({ channel: "SMS", address: reach.phone });
  }
  if (chosen.length === 0) {
    if (reach.email && state(rows, "EMAIL", reach.email).usable) chosen.push({ channel: "EMAIL", address: reach.email });
    else if (reach.phone && state(rows, "SMS", reach.phone).usable) chosen.push({ channel: "SMS", address: reach.phone });
  }
  return chosen;
}

/**
 * The channel to try when one failed for good. Patients: WhatsApp falls back to SMS, email to
 * WhatsApp (if they opted in) then SMS, SMS to email. Providers: email and WhatsApp stand in for
 * each other. Channels already used for the same message are skipped by the caller's dedupe key.
 */
export function fallbackDestinations(
  failed: Channel,
  recipient: "PATIENT" | "PROVIDER",
  reach: { email: string | null; phone: string | null; whatsappOptedIn: boolean },
  rows: ContactChannelRow[],
): Destination[] {
  const order: Record<Channel, Channel[]> =
    recipient === "PATIENT"
      ? { WHATSAPP: ["SMS", "EMAIL"], EMAIL: ["WHATSAPP", "SMS"], SMS: ["EMAIL", "WHATSAPP"] }
      : { WHATSAPP: ["EMAIL"], EMAIL: ["WHATSAPP"], SMS: ["EMAIL"] };
  const out: Destination[] = [];
  for (const channel of order[failed]) {
    const address = channel === "EMAIL" ? reach.email : reach.phone;
    if (!address || !state(rows, channel, address).usable) continue;
    if (channel === "WHATSAPP" && !reach.whatsappOptedIn) continue;
    out.push({ channel, address });
  }
  return out;
}
