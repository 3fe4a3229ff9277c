import crypto from "node:crypto";
import type http from "node:http";

import type { NotificationReport } from "../google";
import { readBody, readForm, sendJson, sendText, type Emulator } from "../lib/http";
import { createActions } from "./actions";
import type { InboxEmulators, PageContext } from "./context";
import type { Html } from "./html";
import { layout, SECTIONS, type Section } from "./layout";
import { createMediaResolver } from "./media";
import { blobsPage } from "./pages/blobs";
import { calendarsPage } from "./pages/calendars";
import { emailPage } from "./pages/email";
import { messagesPage } from "./pages/messages";
import { overviewPage } from "./pages/overview";

export type { InboxEmulators } from "./context";

export interface InboxOptions extends InboxEmulators {
  /** Our Twilio senders ("+1555...", "whatsapp:+1415..."), offered when a patient writes first. */
  twilioNumbers?: string[];
  /** How long to wait for a media URL when deciding whether it is an image or a vCard. */
  mediaFetchTimeoutMs?: number;
}

export interface InboxEmulator extends Emulator {
  /** Changes whenever anything the inbox shows changes; what the page polls. */
  version(): string;
}

const MAX_NOTIFICATIONS = 200;

const PAGES: Record<Section, (ctx: PageContext) => Html | Promise<Html>> = {
  overview: overviewPage,
  email: emailPage,
  messages: messagesPage,
  blobs: blobsPage,
  calendars: calendarsPage,
};

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Only a path on this server, so a crafted `back` cannot redirect elsewhere. */
function safeBack(value: string | null, fallback: string): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}

/**
 * Only the inbox's own pages may post. Browsers say where a post comes from in Sec-Fetch-Site
 * (older ones only in Origin); tools such as curl send neither and are let through.
 */
function isSameOrigin(req: http.IncomingMessage): boolean {
  const site = header(req, "sec-fetch-site");
  if (site !== undefined) return site === "same-origin" || site === "none";
  const origin = header(req, "origin");
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === header(req, "host");
  } catch {
    return false;
  }
}

function withoutFlash(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("notice");
  params.delete("error");
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}

/**
 * The local cloud's Inbox: server-rendered pages over the emulators' snapshots and forms that
 * call their in-process control methods (post, redirect, get). It serves only loopback
 * developers, but still refuses cross-site form posts so a web page cannot bounce emails.
 */
export function createInbox(options: InboxOptions): InboxEmulator {
  const emulators: InboxEmulators = { google: options.google, sendgrid: options.sendgrid, twilio: options.twilio, blob: options.blob };
  const media = createMediaResolver({ blob: options.blob, fetchTimeoutMs: options.mediaFetchTimeoutMs ?? 1_500 });
  const actions = createActions(emulators);
  const notifications: PageContext["notifications"] = [];
  let notificationCount = 0;
  const unsubscribe = options.google?.onNotification((report: NotificationReport) => {
    notificationCount += 1;
    notifications.push({ ...report, at: new Date().toISOString() });
    if (notifications.length > MAX_NOTIFICATIONS) notifications.shift();
  });

  function version(): string {
    const { google, sendgrid, twilio, blob } = emulators;
    const calendar = google?.snapshot();
    const state = {
      sendgrid: sendgrid && { ...sendgrid.snapshot(), publicKeyBase64Der: undefined },
      twilio: twilio?.snapshot(),
      blob: blob?.snapshot(),
      // The emulator clock and token counts move on their own; only what the pages show counts.
      google: calendar && { calendars: calendar.calendars, syncTokens: calendar.syncTokens, channels: calendar.channels, limits: calendar.limits },
      notificationCount,
    };
    return crypto.createHash("sha1").update(JSON.stringify(state)).digest("hex").slice(0, 16);
  }

  async function renderPage(res: http.ServerResponse, url: URL, section: Section): Promise<void> {
    const ctx: PageContext = {
      emulators,
      back: withoutFlash(url),
      media,
      twilioNumbers: options.twilioNumbers ?? [],
      notifications,
    };
    const body = await PAGES[section](ctx);
    const nonce = crypto.randomBytes(16).toString("base64");
    const title = SECTIONS.find((s) => s.id === section)?.title ?? "Inbox";
    const page = layout({
      section,
      title,
      version: version(),
      nonce,
      notice: url.searchParams.get("notice") ?? undefined,
      error: url.searchParams.get("error") ?? undefined,
      body,
    });
    sendText(res, 200, page.value, "text/html; charset=utf-8", {
      "cache-control": "no-store",
      // Not no-referrer: with it browsers send "Origin: null" on the inbox's own form posts.
      "referrer-policy": "same-origin",
      "x-content-type-options": "nosniff",
      // Email frames inherit this policy: their inline styles and remote images load, scripts never do.
      "content-security-policy": [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        "style-src 'unsafe-inline'",
        "img-src 'self' http: https: data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join("; "),
    });
  }

  function serveBlob(res: http.ServerResponse, url: URL): void {
    const storeId = url.searchParams.get("store") ?? "";
    const pathname = url.searchParams.get("pathname") ?? "";
    const blob = emulators.blob?.read(storeId, pathname);
    if (blob === undefined) {
      sendText(res, 404, `No blob ${pathname} in store ${storeId}.`);
      return;
    }
    res.writeHead(200, {
      "content-type": blob.contentType,
      "content-length": String(blob.body.length),
      "content-disposition": `inline; filename="${(pathname.split("/").at(-1) ?? "blob").replace(/["\\\r\n]/g, "")}"`,
      // An uploaded HTML or SVG file must not run script with the inbox's origin.
      "content-security-policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    res.end(blob.body);
  }

  /** An email attachment's bytes, always as a download so nothing in it runs with the inbox's origin. */
  function serveAttachment(res: http.ServerResponse, url: URL): void {
    const messageId = url.searchParams.get("messageId") ?? "";
    const index = Number(url.searchParams.get("index") ?? "");
    const attachment = Number.isInteger(index) && index >= 0 ? emulators.sendgrid?.attachment(messageId, index) : undefined;
    if (attachment === undefined) {
      sendText(res, 404, `No attachment ${url.searchParams.get("index") ?? ""} on email ${messageId}.`);
      return;
    }
    // Header values are Latin-1: an ASCII fallback plus the RFC 5987 UTF-8 name.
    const fallback = attachment.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
    const utf8Name = encodeURIComponent(attachment.filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
    res.writeHead(200, {
      "content-type": attachment.type !== null && /^[\x20-\x7e]+$/.test(attachment.type) ? attachment.type : "application/octet-stream",
      "content-length": String(attachment.body.length),
      "content-disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${utf8Name}`,
      "content-security-policy": "sandbox; default-src 'none'",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    res.end(attachment.body);
  }

  async function handlePost(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (!isSameOrigin(req)) {
      await readBody(req);
      sendText(res, 403, "The inbox only accepts forms from its own pages.");
      return;
    }
    const action = actions[url.pathname];
    if (action === undefined) {
      await readBody(req);
      sendText(res, 404, `No inbox action ${url.pathname}.`);
      return;
    }
    const form = await readForm(req);
    const section = `/${url.pathname.split("/")[1] ?? ""}`;
    const target = new URL(safeBack(form.get("back"), section), "http://inbox.local");
    try {
      target.searchParams.set("notice", await action(form));
    } catch (error) {
      target.searchParams.set("error", error instanceof Error ? error.message : String(error));
    }
    res.writeHead(303, { location: `${target.pathname}${target.search}`, "content-length": "0" }).end();
  }

  return {
    name: "inbox",
    version,
    async handle(req, res, url) {
      if (req.method === "POST") return handlePost(req, res, url);
      await readBody(req);
      if (req.method !== "GET" && req.method !== "HEAD") {
        sendText(res, 405, "The inbox takes GET for pages and POST for forms.", "text/plain; charset=utf-8", { allow: "GET, HEAD, POST" });
        return;
      }
      if (url.pathname === "/api/version") {
        sendJson(res, 200, { version: version() }, { "cache-control": "no-store" });
        return;
      }
      if (url.pathname === "/favicon.ico") {
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === "/health") {
        sendJson(res, 200, { name: "inbox" });
        return;
      }
      if (url.pathname === "/blobs/view") {
        serveBlob(res, url);
        return;
      }
      if (url.pathname === "/email/attachment") {
        serveAttachment(res, url);
        return;
      }
      const section = SECTIONS.find((s) => s.path === url.pathname.replace(/(.)\/$/, "$1"));
      if (section === undefined) {
        sendText(res, 404, `No inbox page ${url.pathname}. Try /.`);
        return;
      }
      await renderPage(res, url, section.id);
    },
    close() {
      unsubscribe?.();
    },
  };
}
