import type { EmailClient } from "@/server/integrations/sendgrid/client";
import type { MessagingClient } from "@/server/integrations/twilio/client";

/**
 * What sending needs from outside: the vendor clients (the real SDKs, pointed at the live APIs or
 * the local cloud), the deployment's WhatsApp templates, and the public contact-card store.
 * Built once per worker process by the job composition root; tests build it against emulators.
 */
export interface NotificationDeps {
  appUrl: string;
  /** The From address of our emails (SENDGRID_FROM_EMAIL): the ORGANIZER of calendar invitations. */
  senderEmail: string;
  email: EmailClient;
  messaging: MessagingClient;
  /** Twilio ContentSid by template key and language (TWILIO_CONTENT_TEMPLATES). */
  whatsappTemplates: Record<string, Record<string, string>>;
  /** SendGrid dynamic template id by purpose (SENDGRID_TEMPLATE_IDS); unset purposes use our own HTML. */
  emailTemplateIds: Partial<Record<string, string>>;
  /** The provider's public vCard URL, stored on first use; null when cards cannot be stored. */
  providerCardUrl(providerId: string): Promise<string | null>;
  /** 0 <= x < 1, for backoff jitter (injected so tests are deterministic). */
  random(): number;
}
