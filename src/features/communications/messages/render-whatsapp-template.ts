import { formatWhen } from "./format-when";
import { assertMessageContext, bookAgainUrl, isProviderPurpose, oneLine, requireBooking, requireManageUrl, requireProviderUrl } from "./message-context";
import { providerNoticeWords } from "./render-text";
import type { MessageContext, MessagePurpose, RenderedWhatsAppTemplate } from "./types";

/** Twilio's limit on one ContentVariables value. */
export const MAX_TEMPLATE_VARIABLE_LENGTH = 1_600;

/** The approved template behind each purpose that may open a conversation; the rest have none. */
export const WHATSAPP_TEMPLATE_KEYS = {
  "booking.requested": "booking_requested",
  "booking.confirmed": "booking_confirmed",
  "booking.declined": "booking_declined",
  "booking.rescheduled": "booking_rescheduled",
  "booking.cancelled": "booking_cancelled",
  "booking.reminder": "booking_reminder",
  "provider.booking_requested": "provider_notice",
  "provider.booking_confirmed": "provider_notice",
  "provider.booking_cancelled": "provider_notice",
  "provider.booking_rescheduled": "provider_notice",
} as const satisfies Partial<Record<MessagePurpose, string>>;

type TemplatedPurpose = keyof typeof WHATSAPP_TEMPLATE_KEYS;

function hasTemplate(purpose: MessagePurpose): purpose is TemplatedPurpose {
  return Object.hasOwn(WHATSAPP_TEMPLATE_KEYS, purpose);
}

/**
 * A business-initiated WhatsApp message: the template key and its numbered variables ("1", "2",
 * "3", as registered). Variables hold only the provider's name, a time and a link: a template
 * passes through Meta and Twilio as data, so no patient name, contact, notes or reason goes in.
 * Null for purposes with no approved template (the guest's code, answers to replies), which can
 * only go out as free-form text inside the 24-hour window. English only for now; the sender
 * falls back to the "en" template of a key when the language has none.
 */
export function renderWhatsAppTemplate(ctx: MessageContext): RenderedWhatsAppTemplate | null {
  assertMessageContext(ctx);
  const { purpose } = ctx;
  if (!hasTemplate(purpose)) return null;
  const booking = requireBooking(ctx);
  const when = formatWhen(booking.startsAt, booking.endsAt, ctx.timeZone);
  const provider = oneLine(booking.provider.displayName);
  let values: [string, string, string];
  if (isProviderPurpose(purpose)) {
    values = [providerNoticeWords(purpose), when, requireProviderUrl(ctx)];
  } else {
    const link = purpose === "booking.declined" || purpose === "booking.cancelled" ? bookAgainUrl(ctx, booking) : requireManageUrl(ctx);
    values = [provider, when, link];
  }
  const variables: Record<string, string> = {};
  values.forEach((value, index) => {
    const key = String(index + 1);
    // WhatsApp refuses variables that are empty or hold newlines, tabs or runs of spaces.
    const clean = oneLine(value);
    if (!clean) throw new Error(`Message ${purpose}: WhatsApp template variable ${key} is empty.`);
    if (clean.length > MAX_TEMPLATE_VARIABLE_LENGTH) {
      throw new Error(`Message ${purpose}: WhatsApp template variable ${key} is over ${MAX_TEMPLATE_VARIABLE_LENGTH} characters.`);
    }
    variables[key] = clean;
  });
  return { templateKey: WHATSAPP_TEMPLATE_KEYS[purpose], variables };
}
