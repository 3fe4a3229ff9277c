import type { InboxEmulators } from "./context";
import { fromLocalInput, isTimeZone } from "./time";

/** A person's mistake in a form; shown back on the page instead of a stack trace. */
export class InboxInputError extends Error {}

type Action = (form: URLSearchParams) => Promise<string> | string;

function required(form: URLSearchParams, name: string, label = name): string {
  const value = form.get(name)?.trim();
  if (!value) throw new InboxInputError(`${label} is required.`);
  return value;
}

function optional(form: URLSearchParams, name: string): string | undefined {
  return form.get(name)?.trim() || undefined;
}

function eventTime(form: URLSearchParams, name: "start" | "end"): { dateTime: string; timeZone: string } {
  const dateTime = fromLocalInput(required(form, name));
  if (dateTime === undefined) throw new InboxInputError(`The ${name} must be a date and time like 2025-03-03T10:00.`);
  const timeZone = required(form, "timeZone", "Time zone");
  if (!isTimeZone(timeZone)) throw new InboxInputError(`${timeZone} is not an IANA time zone such as Africa/Johannesburg.`);
  return { dateTime, timeZone };
}

function webhookOutcome(webhook: { statusCode: number | null; error: string | null } | undefined): string {
  if (webhook === undefined) return "no inbound webhook is set, so the app was not told";
  return webhook.statusCode !== null ? `the app answered HTTP ${webhook.statusCode}` : `the app could not be reached (${webhook.error ?? "no answer"})`;
}

/** Form posts of the inbox, each calling one in-process control method of an emulator. */
export function createActions(emulators: InboxEmulators): Record<string, Action> {
  const need = <K extends keyof InboxEmulators>(vendor: K): NonNullable<InboxEmulators[K]> => {
    const emulator = emulators[vendor];
    if (emulator === undefined) throw new InboxInputError(`${vendor} is not emulated in this run.`);
    return emulator as NonNullable<InboxEmulators[K]>;
  };
  const mailTarget = (form: URLSearchParams) => ({ messageId: required(form, "messageId"), email: optional(form, "email") });

  return {
    "/email/bounce": (form) => {
      const { messageId, email } = mailTarget(form);
      need("sendgrid").bounce(messageId, { email });
      return `Bounced the email to ${email ?? "every recipient"}.`;
    },
    "/email/drop": (form) => {
      const { messageId, email } = mailTarget(form);
      need("sendgrid").drop(messageId, { email });
      return `Dropped the email to ${email ?? "every recipient"}.`;
    },
    "/email/open": (form) => {
      const { messageId, email } = mailTarget(form);
      need("sendgrid").open(messageId, { email });
      return `Opened the email as ${email ?? "every recipient"}.`;
    },
    "/email/click": (form) => {
      const { messageId, email } = mailTarget(form);
      const url = optional(form, "url") ?? "https://example.com/";
      need("sendgrid").click(messageId, { email, url });
      return `Clicked ${url} as ${email ?? "every recipient"}.`;
    },
    "/email/flush": async () => {
      const batches = await need("sendgrid").flushEvents();
      return batches.length === 0 ? "No events were waiting." : `Posted ${batches.length} batch(es): ${batches.map((b) => b.status).join(", ")}.`;
    },
    "/messages/reply": async (form) => {
      const to = required(form, "to", "Our number");
      let from = required(form, "from", "The patient's number");
      if (to.startsWith("whatsapp:") && !from.startsWith("whatsapp:")) from = `whatsapp:${from}`;
      const buttonPayload = optional(form, "buttonPayload");
      const body = optional(form, "body");
      if (body === undefined && buttonPayload === undefined) throw new InboxInputError("Write a message or a button payload.");
      const mediaUrl = optional(form, "mediaUrl");
      const { webhook } = await need("twilio").inbound({
        from,
        to,
        body,
        buttonPayload,
        buttonText: optional(form, "buttonText") ?? (buttonPayload !== undefined ? body ?? buttonPayload : undefined),
        mediaUrls: mediaUrl === undefined ? undefined : [mediaUrl],
      });
      return `Sent “${body ?? buttonPayload}” from ${from}; ${webhookOutcome(webhook)}.`;
    },
    "/messages/flush": async () => {
      const posted = await need("twilio").flushCallbacks();
      return `Applied pending status changes (${posted.length} callback(s) posted).`;
    },
    "/calendars/events/create": (form) => {
      const rrule = optional(form, "rrule");
      const transparency = optional(form, "transparency") ?? "opaque";
      const event = need("google").createEvent(required(form, "email"), {
        summary: required(form, "summary", "Title"),
        start: eventTime(form, "start"),
        end: eventTime(form, "end"),
        transparency,
        ...(rrule ? { recurrence: [/^(RRULE|EXDATE|RDATE):/i.test(rrule) ? rrule : `RRULE:${rrule}`] } : {}),
      });
      return `Created event ${String(event.id)}.`;
    },
    "/calendars/events/move": (form) => {
      const eventId = required(form, "eventId");
      need("google").moveEvent(required(form, "email"), eventId, { start: eventTime(form, "start"), end: eventTime(form, "end") });
      return `Moved event ${eventId}.`;
    },
    "/calendars/events/rename": (form) => {
      const eventId = required(form, "eventId");
      need("google").patchEvent(required(form, "email"), eventId, { summary: optional(form, "summary") ?? "" });
      return `Renamed event ${eventId}.`;
    },
    "/calendars/events/cancel": (form) => {
      const eventId = required(form, "eventId");
      need("google").cancelEvent(required(form, "email"), eventId);
      return `Cancelled event ${eventId}.`;
    },
    "/calendars/events/delete": (form) => {
      const eventId = required(form, "eventId");
      need("google").deleteEvent(required(form, "email"), eventId);
      return `Deleted event ${eventId}.`;
    },
    "/calendars/channels/expire": (form) => {
      const channelId = required(form, "channelId");
      if (!need("google").expireChannel(channelId)) throw new InboxInputError(`There is no channel ${channelId}.`);
      return `Expired channel ${channelId}.`;
    },
    "/calendars/sync-tokens/invalidate": (form) => {
      const calendarId = required(form, "calendarId");
      need("google").invalidateSyncTokens(calendarId);
      return `Invalidated the sync tokens of ${calendarId}; the next incremental sync gets 410.`;
    },
    "/calendars/notifications/drop": (form) => {
      const count = Number(required(form, "count", "How many"));
      if (!Number.isInteger(count) || count < 1) throw new InboxInputError("How many must be a whole number of at least 1.");
      need("google").dropNextNotifications(count);
      return `The next ${count} push notification(s) will be dropped.`;
    },
  };
}
