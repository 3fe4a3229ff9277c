import { html, trusted, type Html } from "./html";

export type Section = "overview" | "email" | "messages" | "blobs" | "calendars";

export const SECTIONS: { id: Section; path: string; title: string }[] = [
  { id: "overview", path: "/", title: "Overview" },
  { id: "email", path: "/email", title: "Email" },
  { id: "messages", path: "/messages", title: "SMS & WhatsApp" },
  { id: "blobs", path: "/blobs", title: "Blobs" },
  { id: "calendars", path: "/calendars", title: "Calendars" },
];

const CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #59636e; --bg: #f6f8fa; --card: #fff; --line: #d1d9e0; --accent: #0b5cad; --danger: #b42318; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --line: #3d444d; --accent: #4493f8; --danger: #f85149; --ok: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .6rem 1rem; background: var(--card); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 1; }
header h1 { font-size: 1.05rem; margin: 0; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; }
nav a { display: block; padding: .3rem .6rem; border-radius: 6px; color: var(--fg); text-decoration: none; }
nav a[aria-current="page"] { background: var(--accent); color: #fff; }
nav a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
#refresh-status { margin-left: auto; color: var(--muted); font-size: .85rem; }
main { padding: 1rem; max-width: 1200px; margin: 0 auto; }
h2 { font-size: 1.3rem; margin: .5rem 0 1rem; }
h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
h4 { font-size: 1rem; margin: .8rem 0 .3rem; }
a { color: var(--accent); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: 0 0 1rem; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .35rem .4rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; font-size: .9rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
form { display: inline-flex; flex-wrap: wrap; gap: .3rem .5rem; align-items: center; margin: .2rem .4rem .2rem 0; }
form.block { display: flex; padding: .5rem; border: 1px dashed var(--line); border-radius: 6px; }
input, select, textarea { font: inherit; padding: .2rem .35rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
button { font: inherit; padding: .2rem .7rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
button.danger { background: var(--danger); border-color: var(--danger); }
.chip { display: inline-block; padding: 0 .45rem; margin: 0 .2rem .2rem 0; border-radius: 999px; border: 1px solid var(--line); font-size: .8rem; }
.chip.bad { border-color: var(--danger); color: var(--danger); }
.chip.good { border-color: var(--ok); color: var(--ok); }
.notice { padding: .5rem .8rem; border-radius: 6px; border: 1px solid var(--ok); margin-bottom: 1rem; }
.notice.error { border-color: var(--danger); }
iframe.email { width: 100%; height: 360px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg); padding: .5rem; border-radius: 6px; margin: .3rem 0; }
ol.thread { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: .5rem; }
ol.thread li { max-width: 75%; padding: .4rem .7rem; border-radius: 10px; border: 1px solid var(--line); }
ol.thread li.out { align-self: flex-end; background: color-mix(in srgb, var(--accent) 12%, var(--card)); }
ol.thread li.in { align-self: flex-start; background: var(--card); }
.body { white-space: pre-wrap; overflow-wrap: anywhere; }
img.media { max-width: 240px; max-height: 240px; display: block; margin: .3rem 0; border-radius: 6px; }
ul.media-list { list-style: none; padding: 0; margin: .2rem 0; }
.vcard { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem; margin: .3rem 0; background: var(--card); }
.cancelled { text-decoration: line-through; }
details > summary { cursor: pointer; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/**
 * Polls /api/version and swaps in the fresh <main> when anything changed, keeping open
 * <details> and the last action's notice. It waits while a form field has focus or holds typed text, so a refresh never
 * eats what the person is writing.
 */
const REFRESH_SCRIPT = `
(() => {
  const status = document.getElementById("refresh-status");
  let version = document.body.dataset.version;
  let busy = false;
  const here = new URL(location.href);
  if (here.searchParams.has("notice") || here.searchParams.has("error")) {
    here.searchParams.delete("notice");
    here.searchParams.delete("error");
    history.replaceState(null, "", here);
  }
  const editing = () => {
    const active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) return true;
    return [...document.querySelectorAll("main input:not([type=hidden]), main textarea, main select")].some((el) =>
      el.tagName === "SELECT" ? el.selectedIndex !== Math.max(0, [...el.options].findIndex((o) => o.defaultSelected)) : el.type === "checkbox" ? el.checked !== el.defaultChecked : el.value !== el.defaultValue);
  };
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch("/api/version", { cache: "no-store" });
      const next = (await response.json()).version;
      if (next === version) return;
      if (editing()) { status.textContent = "New activity: updates when you leave the form."; return; }
      const page = await fetch(location.href, { cache: "no-store" });
      const doc = new DOMParser().parseFromString(await page.text(), "text/html");
      const fresh = doc.querySelector("main");
      if (!fresh) return;
      const open = new Map([...document.querySelectorAll("main details[id]")].map((d) => [d.id, d.open]));
      const current = document.querySelector("main");
      if (!fresh.querySelector(".notice")) fresh.prepend(...current.querySelectorAll(":scope > .notice"));
      current.replaceWith(fresh);
      for (const d of fresh.querySelectorAll("details[id]")) if (open.has(d.id)) d.open = open.get(d.id);
      version = doc.body.dataset.version || next;
      document.title = doc.title;
      status.textContent = "Updated " + new Date().toLocaleTimeString();
    } catch {
      status.textContent = "Local cloud unreachable; retrying.";
    } finally {
      busy = false;
    }
  };
  setInterval(tick, 2000);
})();
`;

export function layout(input: { section: Section; title: string; version: string; nonce: string; notice?: string; error?: string; body: Html }): Html {
  const nav = SECTIONS.map(
    (section) =>
      html`<li><a href="${section.path}"${section.id === input.section ? trusted(' aria-current="page"') : ""}>${section.title}</a></li>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · MedBookings local cloud inbox</title>
<style>${trusted(CSS)}</style>
</head>
<body data-version="${input.version}">
<header>
<h1>MedBookings local cloud</h1>
<nav aria-label="Inbox sections"><ul>${nav}</ul></nav>
<p id="refresh-status" role="status" aria-live="polite">Auto-refresh on</p>
</header>
<main id="main">
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${input.error ? html`<p class="notice error" role="alert">${input.error}</p>` : ""}
${input.body}
</main>
<script nonce="${input.nonce}">${trusted(REFRESH_SCRIPT)}</script>
</body>
</html>`;
}
