import { Client } from "@sendgrid/client";
import { MailService, type MailDataRequired } from "@sendgrid/mail";

import { AppError } from "@/lib/errors/app-error";

import { toAppError } from "./errors";

export interface SendGridConfig {
  apiKey: string;
  /** Base URL of the API; unset = SendGrid's live API. */
  apiUrl?: string;
  fromEmail: string;
  fromName?: string;
  timeoutMs?: number;
}

export type EmailAddress = string | { email: string; name?: string };

/**
 * What SendGrid may keep about a message. SendGrid stores categories and custom args as non-PII,
 * so they only take our own labels and opaque ids, checked by shape.
 */
export interface EmailTracking {
  /** A fixed label from code, e.g. "booking-confirmation". */
  category?: string;
  /** An opaque id of ours (outbox job, notification), echoed in every event. */
  reference?: string;
}

export interface EmailAttachmentInput {
  filename: string;
  contentType: string;
  /** UTF-8 text (an .ics file); sent base64-encoded as SendGrid requires. */
  content: string;
}

interface EmailCommon {
  to: EmailAddress;
  replyTo?: EmailAddress;
  tracking?: EmailTracking;
  attachments?: EmailAttachmentInput[];
}

export type SendEmailInput = EmailCommon &
  ({ subject: string; html: string; text: string } | { templateId: string; data: Record<string, unknown> });

export interface SendEmailResult {
  messageId: string;
}

export interface EmailClient {
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
  /**
   * The message id of an email we sent with this tracking reference, or null if SendGrid has
   * none (Email Activity API). Used after a worker died between SendGrid's 202 and our record of
   * it, to avoid sending the same email twice.
   */
  findEmailByReference(reference: string): Promise<string | null>;
}

const CATEGORY = /^[a-z][a-z0-9.-]{0,63}$/;
const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;

function trackingFields(tracking: EmailTracking | undefined): Pick<MailDataRequired, "categories" | "customArgs"> {
  if (tracking === undefined) return {};
  if (tracking.category !== undefined && !CATEGORY.test(tracking.category)) {
    throw new AppError("VALIDATION", "An email category must be a lowercase label such as booking-confirmation.", {
      retryable: false,
    });
  }
  if (tracking.reference !== undefined && !REFERENCE.test(tracking.reference)) {
    throw new AppError("VALIDATION", "An email reference must be an opaque id of letters, digits, - or _.", {
      retryable: false,
    });
  }
  return {
    ...(tracking.category !== undefined ? { categories: [tracking.category] } : {}),
    ...(tracking.reference !== undefined ? { customArgs: { reference: tracking.reference } } : {}),
  };
}

/**
 * SendGrid refuses parameters in an attachment's type except `method` (calendar invitations), so
 * "text/calendar; charset=utf-8; method=REQUEST" goes as "text/calendar; method=REQUEST".
 */
function attachmentType(contentType: string): string {
  const [type, ...parameters] = contentType.split(";").map((part) => part.trim());
  const method = parameters.find((parameter) => /^method=[A-Za-z-]+$/i.test(parameter));
  return method ? `${type}; ${method}` : type!;
}

export function createEmailClient(config: SendGridConfig): EmailClient {
  const client = new Client();
  // setApiKey resets the base URL to the live API, so the override must come after it.
  client.setApiKey(config.apiKey);
  if (config.apiUrl !== undefined) client.setDefaultRequest("baseUrl", config.apiUrl);
  const mail = new MailService();
  mail.setClient(client);
  mail.setTimeout(config.timeoutMs ?? 10_000);
  const from = { email: config.fromEmail, ...(config.fromName ? { name: config.fromName } : {}) };

  return {
    async sendEmail(input) {
      const content =
        "templateId" in input
          ? { templateId: input.templateId, dynamicTemplateData: input.data }
          : { subject: input.subject, html: input.html, text: input.text };
      const attachments = input.attachments?.map((attachment) => ({
        filename: attachment.filename,
        type: attachmentType(attachment.contentType),
        content: Buffer.from(attachment.content, "utf8").toString("base64"),
        disposition: "attachment",
      }));
      const data = {
        to: input.to,
        from,
        ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
        ...trackingFields(input.tracking),
        ...(attachments && attachments.length > 0 ? { attachments } : {}),
        ...content,
      } as MailDataRequired;
      try {
        const [response] = await mail.send(data);
        const messageId = response.headers["x-message-id"];
        return { messageId: typeof messageId === "string" ? messageId : "" };
      } catch (error) {
        throw toAppError(error);
      }
    },

    async findEmailByReference(reference) {
      if (!REFERENCE.test(reference)) throw new AppError("VALIDATION", "An email reference must be an opaque id.", { retryable: false });
      try {
        const [response] = await client.request({
          method: "GET",
          url: "/v3/messages",
          qs: { query: `unique_args['reference']="${reference}"`, limit: 10 },
        });
        const messages = (response.body as { messages?: Array<{ msg_id?: unknown }> } | null)?.messages ?? [];
        const found = messages.find((message) => typeof message.msg_id === "string");
        // The activity feed's msg_id is the X-Message-Id followed by a per-recipient suffix.
        return found ? String(found.msg_id).split(".")[0]! : null;
      } catch (error) {
        throw toAppError(error);
      }
    },
  };
}

let defaultClient: Promise<EmailClient> | undefined;

async function buildDefaultClient(): Promise<EmailClient> {
  // Imported lazily so modules (and their tests) that never send email need no env.
  const { env } = await import("~/env");
  if (env.SENDGRID_API_KEY === undefined) {
    throw new AppError("INTEGRATION_UNAVAILABLE", "Email is not configured: set SENDGRID_API_KEY.", {
      vendor: "sendgrid",
      retryable: false,
    });
  }
  return createEmailClient({
    apiKey: env.SENDGRID_API_KEY,
    apiUrl: env.SENDGRID_API_URL,
    fromEmail: env.SENDGRID_FROM_EMAIL,
    fromName: "MedBookings",
  });
}

function getDefaultClient(): Promise<EmailClient> {
  defaultClient ??= buildDefaultClient().catch((error: unknown) => {
    defaultClient = undefined;
    throw error;
  });
  return defaultClient;
}

export async function sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
  return (await getDefaultClient()).sendEmail(input);
}
