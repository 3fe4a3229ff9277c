import { badRequest } from "./errors";
import { INVALID_TO, MAGIC_FROM, MAGIC_TO_SMS } from "./test-numbers";

export type Channel = "sms" | "whatsapp";

export interface MessagingService {
  sid: string;
  /** The service's sender pool: "+1555..." for SMS, "whatsapp:+1555..." for WhatsApp. */
  from?: string | string[];
  /** The service's Status Callback URL: used for its messages sent without their own StatusCallback. */
  statusCallback?: string;
}

export interface ContentTemplate {
  sid: string;
  /** Body with {{1}}, {{2}} ... placeholders. */
  body: string;
  /**
   * A twilio/media template's media URLs. As in Twilio's Content API, a placeholder may stand for
   * the path, after a fixed origin (e.g. "https://files.example/{{4}}").
   */
  media?: string[];
}

export interface Address {
  channel: Channel;
  /** E.164 number without the channel prefix. */
  number: string;
  /** As written on the wire, e.g. "whatsapp:+15550001111". */
  address: string;
}

export interface MessageRequest {
  to: Address;
  /** Resolved sender; for a Messaging Service, the pool member for the channel. */
  from: Address;
  messagingServiceSid: string | null;
  body: string;
  mediaUrls: string[];
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  /** Template placeholders without a value: Twilio accepts the message and fails it (63028). */
  missingVariables: boolean;
  statusCallback: string | null;
}

export interface CreateContext {
  /** Senders the account owns; undefined = any well-formed sender is accepted. */
  senders: string[] | undefined;
  services: MessagingService[];
  templates: ContentTemplate[];
}

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 1600;
const MAX_VARIABLES = 100;
const MAX_KEY = 16;
const MAX_VALUE = 1600;

export function parseAddress(value: string): Address | undefined {
  const whatsapp = value.startsWith("whatsapp:");
  const number = whatsapp ? value.slice("whatsapp:".length) : value;
  if (!E164.test(number)) return undefined;
  return { channel: whatsapp ? "whatsapp" : "sms", number, address: value };
}

function senderPool(service: MessagingService): string[] {
  if (service.from === undefined) return [];
  return Array.isArray(service.from) ? service.from : [service.from];
}

function resolveServiceSender(service: MessagingService, to: Address): Address {
  const pool = senderPool(service)
    .map(parseAddress)
    .filter((address): address is Address => address !== undefined);
  const sender = pool.find((address) => address.channel === to.channel);
  if (sender !== undefined) return sender;
  const number = pool[0]?.number ?? "+15005550006";
  return { channel: to.channel, number, address: to.channel === "whatsapp" ? `whatsapp:${number}` : number };
}

function checkOwnedSender(from: Address, senders: string[] | undefined): void {
  if (senders === undefined || senders.includes(from.address)) return;
  if (from.channel === "whatsapp") throw badRequest(63007, from.address);
  if (senders.includes(`whatsapp:${from.number}`)) throw badRequest(21606, from.address);
  throw badRequest(21659, from.address);
}

function parseVariables(raw: string | null): Record<string, string> {
  if (raw === null || raw === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest(21656, "ContentVariables must be a JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest(21656, "ContentVariables must be a JSON object");
  }
  const entries = Object.entries(parsed);
  if (entries.length > MAX_VARIABLES) throw badRequest(21656, `more than ${MAX_VARIABLES} variables`);
  const variables: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key.length > MAX_KEY) throw badRequest(21656, `key ${key.slice(0, 20)}... is longer than ${MAX_KEY} characters`);
    const text = typeof value === "string" ? value : JSON.stringify(value);
    if (text.length > MAX_VALUE) throw badRequest(21656, `value of ${key} is longer than ${MAX_VALUE} characters`);
    variables[key] = text;
  }
  return variables;
}

function renderContent(template: ContentTemplate, variables: Record<string, string>) {
  let missingVariables = false;
  const fill = (text: string) =>
    text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, key: string) => {
      const value = variables[key];
      if (value === undefined) missingVariables = true;
      return value ?? placeholder;
    });
  const body = fill(template.body);
  const media = (template.media ?? []).map(fill);
  return { body, media, missingVariables };
}

/** Validates Messages.json create parameters in Twilio's order and with Twilio's error codes. */
export function parseCreateMessage(form: URLSearchParams, context: CreateContext): MessageRequest {
  const toRaw = form.get("To");
  if (toRaw === null || toRaw === "") throw badRequest(21604);
  const to = parseAddress(toRaw);
  if (to === undefined || to.number === INVALID_TO) throw badRequest(21211, toRaw);
  const magicTo = MAGIC_TO_SMS[to.number];
  if (to.channel === "sms" && magicTo !== undefined) throw badRequest(magicTo, toRaw);

  const serviceSid = form.get("MessagingServiceSid") || null;
  const service = context.services.find((candidate) => candidate.sid === serviceSid);
  if (serviceSid !== null && service === undefined) throw badRequest(21701, serviceSid);

  const fromRaw = form.get("From") || null;
  let from: Address;
  if (fromRaw !== null) {
    const parsed = parseAddress(fromRaw);
    if (parsed === undefined) throw badRequest(21212, fromRaw);
    const magicFrom = MAGIC_FROM[parsed.number];
    if (magicFrom !== undefined) throw badRequest(magicFrom, fromRaw);
    if (parsed.channel !== to.channel) throw badRequest(21910);
    checkOwnedSender(parsed, context.senders);
    from = parsed;
  } else if (service !== undefined) {
    from = resolveServiceSender(service, to);
  } else {
    throw badRequest(21603);
  }

  let mediaUrls = form.getAll("MediaUrl");
  const contentSid = form.get("ContentSid");
  let body = form.get("Body") ?? "";
  let contentVariables: Record<string, string> | null = null;
  let missingVariables = false;
  if (contentSid !== null && contentSid !== "") {
    const template = context.templates.find((candidate) => candidate.sid === contentSid);
    if (template === undefined) throw badRequest(21655, contentSid);
    contentVariables = parseVariables(form.get("ContentVariables"));
    const rendered = renderContent(template, contentVariables);
    ({ body, missingVariables } = rendered);
    mediaUrls = rendered.media;
  } else {
    if (body === "" && mediaUrls.length === 0) throw badRequest(21602);
    if (body.length > MAX_BODY) throw badRequest(21617);
  }

  return {
    to,
    from,
    messagingServiceSid: serviceSid,
    body,
    mediaUrls,
    contentSid: contentSid || null,
    contentVariables,
    missingVariables,
    statusCallback: form.get("StatusCallback") || service?.statusCallback || null,
  };
}
