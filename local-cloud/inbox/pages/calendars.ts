import type { GoogleSnapshot } from "../../google";
import type { PageContext } from "../context";
import { button, field, form, html, select, trusted, type Html } from "../html";
import { formatIn, toLocalInput } from "../time";
import { notEmulated } from "./not-emulated";

interface EventTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

/** The fields of a Google event resource the inbox shows. */
export interface EventResource {
  id: string;
  status: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: EventTime;
  end?: EventTime;
  transparency?: string;
  hangoutLink?: string;
  conferenceData?: { createRequest?: { status?: { statusCode?: string } } };
  recurrence?: string[];
  recurringEventId?: string;
  attendees?: { email: string; responseStatus?: string }[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  updated?: string;
}

type Calendar = GoogleSnapshot["calendars"][number];

export function startMs(time: EventTime | undefined): number {
  if (time?.dateTime) return Date.parse(time.dateTime);
  if (time?.date) return Date.parse(`${time.date}T00:00:00Z`);
  return Number.POSITIVE_INFINITY;
}

function when(event: EventResource, calendarZone: string): Html {
  if (event.start?.date) {
    return html`<div>All day ${event.start.date} to ${event.end?.date ?? "?"} (end exclusive, ${calendarZone})</div>`;
  }
  const start = startMs(event.start);
  const end = startMs(event.end);
  if (!Number.isFinite(start)) return html`<div class="muted">No time</div>`;
  const zones = [...new Set(["UTC", calendarZone, event.start?.timeZone].filter((zone): zone is string => Boolean(zone)))];
  return html`${zones.map((zone) => html`<div>${formatIn(start, zone)} → ${Number.isFinite(end) ? formatIn(end, zone) : "?"}</div>`)}`;
}

function meet(event: EventResource): Html {
  if (event.hangoutLink) return html`<a href="${event.hangoutLink}" target="_blank" rel="noreferrer">${event.hangoutLink}</a>`;
  const status = event.conferenceData?.createRequest?.status?.statusCode;
  return status ? html`<span class="chip">Meet ${status}</span>` : html`<span class="muted">none</span>`;
}

function eventRow(ctx: PageContext, calendar: Calendar, event: EventResource): Html {
  const target = html`<input type="hidden" name="email" value="${calendar.id}"><input type="hidden" name="eventId" value="${event.id}">`;
  const bookingId = event.extendedProperties?.private?.bookingId ?? event.extendedProperties?.shared?.bookingId;
  const otherProperties = { ...event.extendedProperties?.private, ...event.extendedProperties?.shared };
  delete otherProperties.bookingId;
  const cancelled = event.status === "cancelled";
  const timed = Boolean(event.start?.dateTime);
  const zone = event.start?.timeZone ?? calendar.timeZone;
  const title = event.summary ?? "(no title)";
  return html`<tr>
<td><strong${cancelled ? trusted(' class="cancelled"') : ""}>${title}</strong>
<div class="small muted"><code>${event.id}</code>${event.recurringEventId ? html` · instance of <code>${event.recurringEventId}</code>` : ""}</div>
${event.location ? html`<div class="small">${event.location}</div>` : ""}
${event.attendees?.length ? html`<div class="small">Attendees: ${event.attendees.map((a) => `${a.email} (${a.responseStatus ?? "?"})`).join(", ")}</div>` : ""}</td>
<td class="small">${when(event, calendar.timeZone)}${event.recurrence?.length ? html`<div>Repeats: <code>${event.recurrence.join(" ")}</code></div>` : ""}</td>
<td><span class="chip${cancelled ? " bad" : ""}">${event.status}</span><div class="small">${event.transparency ?? "opaque"}</div></td>
<td class="small">${meet(event)}</td>
<td class="small">${bookingId ? html`<code>${bookingId}</code>` : html`<span class="muted">none</span>`}${
    Object.keys(otherProperties).length ? html`<div class="muted">${JSON.stringify(otherProperties)}</div>` : ""
  }</td>
</tr>
<tr><td colspan="5">
<details id="${`edit-${calendar.id}-${event.id}`}"><summary class="small">Change “${title}” as the provider</summary>
${
  timed
    ? form(
        "/calendars/events/move",
        ctx.back,
        html`${target}${field("New start", "start", { type: "datetime-local", required: true, value: toLocalInput(startMs(event.start), zone) })}${field("New end", "end", {
          type: "datetime-local",
          required: true,
          value: toLocalInput(startMs(event.end), zone),
        })}${field("Time zone", "timeZone", { required: true, value: zone, size: 16 })}${button("Move")}`,
        { className: "block", label: `Move ${title}` },
      )
    : ""
}
${form("/calendars/events/rename", ctx.back, html`${target}${field("Title", "summary", { value: event.summary ?? "", size: 20 })}${button("Rename")}`, {
  className: "block",
  label: `Rename ${title}`,
})}
${cancelled ? "" : form("/calendars/events/cancel", ctx.back, html`${target}${button("Cancel event", { danger: true })}`, { label: `Cancel ${title}` })}
${form("/calendars/events/delete", ctx.back, html`${target}${button("Delete event", { danger: true })}`, { label: `Delete ${title}` })}
</details>
</td>
</tr>`;
}

function createForm(ctx: PageContext, calendar: Calendar, now: number): Html {
  const start = Math.ceil(now / 3_600_000) * 3_600_000 + 3_600_000;
  return html`<details id="${`create-${calendar.id}`}"><summary>Create an event as the provider</summary>
${form(
  "/calendars/events/create",
  ctx.back,
  html`<input type="hidden" name="email" value="${calendar.id}">${field("Title", "summary", { required: true, value: "Busy (personal)", size: 18 })}${field("Start", "start", {
    type: "datetime-local",
    required: true,
    value: toLocalInput(start, calendar.timeZone),
  })}${field("End", "end", { type: "datetime-local", required: true, value: toLocalInput(start + 3_600_000, calendar.timeZone) })}${field("Time zone", "timeZone", {
    required: true,
    value: calendar.timeZone,
    size: 16,
  })}${select("Shows as", "transparency", [
    { value: "opaque", label: "Busy (opaque)" },
    { value: "transparent", label: "Free (transparent)" },
  ])}${field("Repeat rule (optional)", "rrule", { placeholder: "RRULE:FREQ=WEEKLY;COUNT=4", size: 24 })}${button("Create event")}`,
  { className: "block", label: `Create an event in ${calendar.id}` },
)}
</details>`;
}

function channelsAndSync(ctx: PageContext, snapshot: GoogleSnapshot, calendar: Calendar): Html {
  const channels = snapshot.channels.filter((c) => c.calendarId === calendar.id);
  const tokens = snapshot.syncTokens.filter((t) => t.calendarId === calendar.id);
  const valid = tokens.filter((t) => t.valid);
  const latest = tokens.at(-1);
  return html`<h4>Push channels</h4>
${
  channels.length === 0
    ? html`<p class="small muted">No channel watches this calendar.</p>`
    : html`<table>
<thead><tr><th scope="col">Channel</th><th scope="col">Posts to</th><th scope="col">State</th><th scope="col">Expires</th><th scope="col">Messages sent</th><th scope="col">Recent deliveries</th><th scope="col">Act as Google</th></tr></thead>
<tbody>${channels.map((channel) => {
        const recent = ctx.notifications.filter((n) => n.channelId === channel.id).slice(-3);
        return html`<tr><td><code>${channel.id}</code></td><td class="small">${channel.address}</td><td><span class="chip${channel.state === "live" ? " good" : " bad"}">${channel.state}</span></td>
<td class="small"><div>${formatIn(Date.parse(channel.expiration), "UTC")}</div><div>${formatIn(Date.parse(channel.expiration), calendar.timeZone)}</div></td>
<td>${channel.lastMessageNumber}</td>
<td class="small">${recent.length ? recent.map((n) => html`<div>#${n.messageNumber} ${n.resourceState}: ${n.outcome}${n.status ? ` (HTTP ${n.status})` : ""}</div>`) : html`<span class="muted">none</span>`}</td>
<td>${channel.state === "live" ? form("/calendars/channels/expire", ctx.back, html`<input type="hidden" name="channelId" value="${channel.id}">${button("Expire channel", { danger: true })}`, { label: `Expire channel ${channel.id}` }) : ""}</td></tr>`;
      })}</tbody>
</table>`
}
<h4>Sync tokens</h4>
<p class="small">${tokens.length} issued, ${valid.length} still valid (generation ${calendar.syncGeneration}, change #${calendar.changeSeq})${
    latest ? html`; latest issued ${formatIn(Date.parse(latest.issuedAt), "UTC")} is ${latest.valid ? `valid with ${latest.pendingChanges} change(s) to pick up` : "invalid (410 on use)"}` : ""
  }.</p>
${form("/calendars/sync-tokens/invalidate", ctx.back, html`<input type="hidden" name="calendarId" value="${calendar.id}">${button("Invalidate sync tokens (next sync gets 410)", { danger: true })}`, {
  label: `Invalidate sync tokens of ${calendar.id}`,
})}`;
}

export function calendarsPage(ctx: PageContext): Html {
  const google = ctx.emulators.google;
  if (!google) return notEmulated("Calendars", "Google Calendar");
  const snapshot = google.snapshot();
  const now = Date.parse(snapshot.now);
  return html`<h2>Calendars</h2>
<section class="card" aria-labelledby="google-controls">
<h3 id="google-controls">Google</h3>
<dl class="meta"><dt>Emulator clock</dt><dd>${formatIn(now, "UTC")}</dd>
${snapshot.limits.pendingFaults.length ? html`<dt>Injected faults</dt><dd>${snapshot.limits.pendingFaults.map((f) => `${f.operation}: ${f.status} ×${f.remaining}`).join(", ")}</dd>` : ""}
${snapshot.limits.quota ? html`<dt>Quota</dt><dd>${snapshot.limits.quota.perUserPerMinute} per user per minute</dd>` : ""}</dl>
${form("/calendars/notifications/drop", ctx.back, html`${field("Notifications to drop", "count", { type: "number", value: "1", min: 1, size: 4 })}${button("Drop the next push notifications")}`, {
  label: "Drop push notifications",
})}
</section>
${snapshot.calendars.map((calendar) => {
  const account = snapshot.accounts.find((a) => a.email === calendar.id);
  const events = (calendar.events as unknown as EventResource[]).slice().sort((a, b) => startMs(a.start) - startMs(b.start));
  const id = `calendar-${calendar.id.replace(/[^a-z0-9]/gi, "-")}`;
  return html`<section class="card" aria-labelledby="${id}">
<h3 id="${id}">${account?.name ?? calendar.summary} <span class="muted small">${calendar.id}</span></h3>
<p class="small">Calendar <code>${calendar.id}</code> · time zone ${calendar.timeZone} · ${events.length} event(s)</p>
${
  events.length === 0
    ? html`<p class="small muted">No events.</p>`
    : html`<table>
<thead><tr><th scope="col">Event</th><th scope="col">When (UTC and ${calendar.timeZone})</th><th scope="col">Status</th><th scope="col">Meet</th><th scope="col">Booking id</th></tr></thead>
<tbody>${events.map((event) => eventRow(ctx, calendar, event))}</tbody>
</table>`
}
${createForm(ctx, calendar, now)}
${channelsAndSync(ctx, snapshot, calendar)}
</section>`;
})}`;
}
