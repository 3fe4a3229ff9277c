/**
 * The message catalogue: what patients and providers receive, by email, WhatsApp and SMS.
 *
 * Server code only (it renders with react-dom/server and builds calendar files), but it does not
 * import "server-only": the graphile-worker process that sends messages runs on plain Node,
 * where that package throws on import, and under the "react-server" condition that would silence
 * it, react-dom/server refuses to load. Nothing here reads env or secrets: links arrive signed.
 */
export { renderEmail } from "./render-email";
export { renderText, type TextChannel } from "./render-text";
export { renderWhatsAppTemplate, WHATSAPP_TEMPLATE_KEYS, MAX_TEMPLATE_VARIABLE_LENGTH } from "./render-whatsapp-template";
export { formatWhen } from "./format-when";
export {
  MESSAGE_PURPOSES,
  type EmailAttachment,
  type MessageBooking,
  type MessageChannel,
  type MessageContext,
  type MessagePurpose,
  type RenderedEmail,
  type RenderedWhatsAppTemplate,
} from "./types";
