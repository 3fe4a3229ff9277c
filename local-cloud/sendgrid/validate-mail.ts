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
  /** Overrides the message's from for this personalization. */
  from?: MailAddress;
}

export interface MailContent {
  type: string;
  value: string;
}

export interface MailAttachment {
  /** Base64. */
  content: string;
  filename: string;
  type?: string;
  disposition?: "attachment" | "inline";
  content_id?: string;
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
  attachments?: MailAttachment[];
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
  const globalArgs = checkCustomArgs(body.custom_args, "custom_args", add);
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
      const seen = new Set<string>();
      let duplicate: { email: string; kind: string } | undefined;
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
            return;
          }
          // Mailbox names are matched case-insensitively: Ana@x and ana@x are one recipient.
          const key = address.email.toLowerCase();
          if (seen.has(key)) duplicate ??= { email: address.email, kind };
          seen.add(key);
        });
      }
      if (duplicate !== undefined) {
        add(
          `Each email address in the personalization block should be unique between to, cc, and bcc. We found the first duplicate instance of [${duplicate.email}] in the personalizations.${index}.${duplicate.kind} field.`,
          `personalizations.${index}`,
          "message.recipient-errors",
        );
      }
      if (personalization.from !== undefined && (!isObject(personalization.from) || !isValidEmail(personalization.from.email))) {
        add("The from email does not contain a valid address.", `personalizations.${index}.from.email`, "message.from");
      }
      const own = checkCustomArgs(personalization.custom_args, `personalizations.${index}.custom_args`, add);
      checkMergedCustomArgsSize(globalArgs, own, `personalizations.${index}.custom_args`, add);
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

  validateCategories(body.categories, add);
  validateAttachments(body.attachments, add);

  return errors;
}

type AddError = (message: string, field: string | null, anchor: string | null) => void;

const MAX_CATEGORIES = 10;
const MAX_CATEGORY_LENGTH = 255;
const MAX_CUSTOM_ARGS_BYTES = 10_000;
const ASCII = /^[\x00-\x7f]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CRLF_OR_SEPARATOR = /[;,\r\n]/;
/**
 * Since 2018 SendGrid lets one parameter through, `method` (calendar invites:
 * "text/calendar; method=REQUEST"); any other, such as charset, is still refused (it sets the
 * charset itself).
 */
const ATTACHMENT_TYPE = /^[^;,\r\n]+(;\s*method=[A-Za-z-]+)?\s*;?$/i;

function validateCategories(categories: unknown, add: AddError): void {
  if (categories === undefined) return;
  if (!Array.isArray(categories) || categories.some((category) => typeof category !== "string")) {
    add("Categories must be an array of strings.", "categories", "message.categories");
    return;
  }
  if (categories.length > MAX_CATEGORIES) {
    add(
      `There is a limit of ${MAX_CATEGORIES} categories for each email that is sent. You provided ${categories.length} categories.`,
      "categories",
      "message.categories",
    );
  }
  const seen = new Set<string>();
  (categories as string[]).forEach((category, index) => {
    if (category.length > MAX_CATEGORY_LENGTH) {
      add(
        `Each category must not be longer than ${MAX_CATEGORY_LENGTH} characters. ${category.slice(0, 40)}... exceeds this limit`,
        `categories.${index}`,
        "message.categories",
      );
    }
    if (!ASCII.test(category)) add("Categories can not contain non-ASCII characters.", `categories.${index}`, "message.categories");
    if (seen.has(category)) {
      add(
        `The categories must be a unique list, and you have included ${category} more than once.`,
        `categories.${index}`,
        "message.categories",
      );
    }
    seen.add(category);
  });
}

function checkCustomArgs(value: unknown, field: string, add: AddError): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    add(`Invalid type. Expected: object, given: ${Array.isArray(value) ? "array" : typeof value}.`, field, "message.custom_args");
    return {};
  }
  if (Object.keys(value).length === 0) add("custom_args cannot be empty.", field, "message.personalizations.custom_args");
  if (Object.values(value).some((entry) => typeof entry !== "string")) {
    add("All values of custom arguments object must be strings", field, "message.personalizations.custom_args");
  }
  return value;
}

/**
 * SendGrid merges the message's custom args into each personalization's: the merged object may
 * not exceed 10,000 bytes per personalization.
 */
function checkMergedCustomArgsSize(global: Record<string, unknown>, own: Record<string, unknown>, field: string, add: AddError): void {
  if (Buffer.byteLength(JSON.stringify({ ...global, ...own }), "utf8") > MAX_CUSTOM_ARGS_BYTES) {
    add(
      "The combined size of both global and personalization custom arguments may not exceed 10,000 bytes per personalization.",
      field,
      "message.personalizations.custom_args",
    );
  }
}

function validateAttachments(attachments: unknown, add: AddError): void {
  if (attachments === undefined) return;
  if (!Array.isArray(attachments)) {
    add("Invalid type. Expected: array, given: " + typeof attachments + ".", "attachments", "message.attachments");
    return;
  }
  attachments.forEach((item: unknown, index) => {
    const attachment = isObject(item) ? item : {};
    const field = (name: string) => `attachments.${index}.${name}`;
    const { content, filename, type, disposition, content_id: contentId } = attachment;
    if (typeof content !== "string" || content === "") {
      add("The attachment content must be a string at least one character in length.", field("content"), "message.attachments.content");
    } else {
      // MIME line breaks are tolerated; anything else must be base64 of whole bytes.
      const compact = content.replace(/\r?\n/g, "");
      if (!BASE64.test(compact) || compact.length % 4 !== 0) {
        add("The attachment content must be base64 encoded.", field("content"), "message.attachments.content");
      }
    }
    if (filename === undefined || filename === null) {
      add("filename is required.", field("filename"), "message.attachments.filename");
    } else if (typeof filename !== "string" || filename === "") {
      add("The filename of your attachment must be a string.", field("filename"), "message.attachments.filename");
    } else if (CRLF_OR_SEPARATOR.test(filename)) {
      add("The filename of your attachment cannot contain CRLF characters.", field("filename"), "message.attachments.filename");
    }
    if (type !== undefined) {
      if (typeof type !== "string" || type === "") {
        add("The attachment type must be a string and at least one character in length.", field("type"), "message.attachments.type");
      } else if (!ATTACHMENT_TYPE.test(type)) {
        add("The attachment type cannot contain ';', or CRLF characters.", field("type"), "message.attachments.type");
      }
    }
    if (disposition !== undefined && disposition !== "attachment" && disposition !== "inline") {
      add(
        `The disposition of your attachment can be either "inline" or "attachment". You provided ${String(disposition)}.`,
        field("disposition"),
        "message.attachments.disposition",
      );
    }
    if (contentId !== undefined) {
      if (typeof contentId !== "string") {
        add(`The content ID of your attachment must be a string. You provided ${String(contentId)}.`, field("content_id"), "message.attachments.content_id");
      } else if (CRLF_OR_SEPARATOR.test(contentId)) {
        add("The content ID of your attachment cannot contain CRLF characters.", field("content_id"), "message.attachments.content_id");
      }
    }
  });
}
