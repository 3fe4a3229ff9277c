/** The subset of the v3 mail/send body the emulator understands (snake_case, as on the wire). */
export interface MailAddress {
  email: string;
  name?: string;
}

export interface MailPersonalization {
  to?: MailAddress[];
  cc?: MailAddress[];
  bcc?: MailAddress[];
  subject?: string;
  dynamic_template_data?: Record<string, unknown>;
  custom_args?: Record<string, string>;
}

export interface MailContent {
  type: string;
  value: string;
}

export interface MailSendBody {
  personalizations: MailPersonalization[];
  from: MailAddress;
  reply_to?: MailAddress;
  subject?: string;
  content?: MailContent[];
  template_id?: string;
  categories?: string[];
  custom_args?: Record<string, string>;
  mail_settings?: { sandbox_mode?: { enable?: boolean } };
}

export interface SendGridError {
  message: string;
  field: string | null;
  help: string | null;
}

const HELP = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html";
const MAX_PERSONALIZATIONS = 1000;
const MAX_RECIPIENTS = 1000;
// Deliberately loose, like SendGrid: one "@", no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(value: unknown): value is string {
  return typeof value === "string" && EMAIL.test(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns SendGrid's `errors[]` for an invalid body, or an empty array when it would be accepted. */
export function validateMailSend(body: unknown): SendGridError[] {
  if (!isObject(body)) {
    return [{ message: "Bad Request", field: null, help: null }];
  }
  const errors: SendGridError[] = [];
  const add = (message: string, field: string | null, anchor: string | null) =>
    errors.push({ message, field, help: anchor === null ? null : `${HELP}#${anchor}` });

  const templateId = typeof body.template_id === "string" ? body.template_id : undefined;
  const personalizations = body.personalizations;
  let everyPersonalizationHasSubject = false;

  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    add(
      "The personalizations field is required and must have at least one personalization.",
      "personalizations",
      "-Personalizations-Errors",
    );
  } else if (personalizations.length > MAX_PERSONALIZATIONS) {
    add(
      `The personalizations field cannot have more than ${MAX_PERSONALIZATIONS} personalizations.`,
      "personalizations",
      "-Personalizations-Errors",
    );
  } else {
    let recipients = 0;
    everyPersonalizationHasSubject = true;
    personalizations.forEach((item: unknown, index) => {
      const personalization = isObject(item) ? item : {};
      if (typeof personalization.subject !== "string" || personalization.subject === "") {
        everyPersonalizationHasSubject = false;
      }
      const to = personalization.to;
      if (!Array.isArray(to) || to.length === 0) {
        add(
          "The to array is required for all personalization objects, and must have at least one email object with a valid email address.",
          `personalizations.${index}.to`,
          "message.personalizations.to",
        );
      }
      for (const kind of ["to", "cc", "bcc"] as const) {
        const list = personalization[kind];
        if (!Array.isArray(list)) continue;
        recipients += list.length;
        list.forEach((address: unknown, position) => {
          if (!isObject(address) || !isValidEmail(address.email)) {
            add(
              "Does not contain a valid address.",
              `personalizations.${index}.${kind}.${position}.email`,
              `message.personalizations.${kind}`,
            );
          }
        });
      }
    });
    if (recipients > MAX_RECIPIENTS) {
      add(
        `The total number of recipients must be no more than ${MAX_RECIPIENTS}. This includes all recipients defined within the to, cc, and bcc parameters, across each object that you include in the personalizations array.`,
        "personalizations",
        "-Personalizations-Errors",
      );
    }
  }

  if (!isObject(body.from) || body.from.email === undefined || body.from.email === "") {
    add(
      'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.  e.g. {"email" : "example@example.com"}  or {"email" : "example@example.com", "name" : "Example Recipient"}.',
      "from.email",
      "message.from",
    );
  } else if (!isValidEmail(body.from.email)) {
    add("The from email does not contain a valid address.", "from.email", "message.from");
  }

  const hasSubject = typeof body.subject === "string" && body.subject !== "";
  if (templateId === undefined && !hasSubject && !everyPersonalizationHasSubject) {
    add(
      "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.",
      "subject",
      "message.subject",
    );
  }

  const content = body.content;
  if (templateId === undefined && (!Array.isArray(content) || content.length === 0)) {
    add(
      "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.",
      "content",
      "message.content",
    );
  }
  if (Array.isArray(content)) {
    content.forEach((block: unknown, index) => {
      const entry = isObject(block) ? block : {};
      if (typeof entry.type !== "string" || entry.type === "") {
        add(
          "The content type cannot be empty. Please specify the MIME type of the content.",
          `content.${index}.type`,
          "message.content.type",
        );
      }
      if (typeof entry.value !== "string" || entry.value === "") {
        add(
          "The content value must be a string at least one character in length.",
          `content.${index}.value`,
          "message.content.value",
        );
      }
    });
  }

  if (isObject(body.reply_to) && !isValidEmail(body.reply_to.email)) {
    add("The reply_to email does not contain a valid address.", "reply_to.email", "message.reply_to");
  }

  return errors;
}
