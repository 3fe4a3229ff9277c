import type { Account } from "./oauth";

const SCOPE_WORDS: Record<string, string> = {
  openid: "Associate you with your personal info on Google",
  email: "See your primary Google Account email address",
  profile: "See your personal info, including any personal info you've made publicly available",
  "https://www.googleapis.com/auth/userinfo.email": "See your primary Google Account email address",
  "https://www.googleapis.com/auth/userinfo.profile":
    "See your personal info, including any personal info you've made publicly available",
  "https://www.googleapis.com/auth/calendar":
    "See, edit, share, and permanently delete all the calendars you can access using Google Calendar",
  "https://www.googleapis.com/auth/calendar.events": "View and edit events on all your calendars",
  "https://www.googleapis.com/auth/calendar.readonly":
    "See and download any calendar you can access using your Google Calendar",
  "https://www.googleapis.com/auth/calendar.events.readonly": "View events on all your calendars",
  "https://www.googleapis.com/auth/calendar.freebusy":
    "See the availability on Google Calendars you have access to",
};

export const describeScope = (scope: string) => SCOPE_WORDS[scope] ?? scope;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #202124; }
  .account { display: block; width: 100%; text-align: left; padding: .75rem 1rem; margin: .5rem 0;
    border: 1px solid #dadce0; border-radius: .5rem; background: #fff; font: inherit; cursor: pointer; }
  .account:hover, .account:focus-visible { background: #f1f3f4; outline: 2px solid #1a73e8; }
  .email { color: #5f6368; font-size: .9rem; }
  .notice { background: #fef7e0; padding: .5rem .75rem; border-radius: .25rem; }
  code { background: #f1f3f4; padding: 0 .25rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function renderConsentPage(input: {
  requestId: string;
  clientId: string;
  accounts: Account[];
  scopes: string[];
  action: string;
}): string {
  const scopeItems = [...new Set(input.scopes.map(describeScope))]
    .map((words) => `<li>${escapeHtml(words)}</li>`)
    .join("\n");
  const accountForms = input.accounts
    .map(
      (account) => `<form method="post" action="${escapeHtml(input.action)}">
  <input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
  <input type="hidden" name="account" value="${escapeHtml(account.sub)}">
  <button type="submit" class="account" aria-label="Continue as ${escapeHtml(account.name)} (${escapeHtml(account.email)})">
    <span class="name">${escapeHtml(account.name)}</span><br>
    <span class="email">${escapeHtml(account.email)}</span>
  </button>
</form>`,
    )
    .join("\n");
  return page(
    "Sign in - Google Accounts (local cloud)",
    `<h1>Choose an account</h1>
<p>to continue to <strong>${escapeHtml(input.clientId)}</strong></p>
<p class="notice" role="note">Local cloud: this is an emulator of Google sign-in. No real Google account is used.</p>
<section aria-labelledby="scopes-heading">
<h2 id="scopes-heading">This app will be able to</h2>
<ul>
${scopeItems}
</ul>
</section>
<section aria-labelledby="accounts-heading">
<h2 id="accounts-heading">Demo accounts</h2>
${accountForms || "<p>No demo accounts are configured.</p>"}
</section>
<form method="post" action="${escapeHtml(input.action)}">
  <input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
  <input type="hidden" name="deny" value="1">
  <button type="submit">Cancel</button>
</form>`,
  );
}

export function renderErrorPage(input: { status: number; error: string; description: string }): string {
  return page(
    `Error ${input.status}: ${input.error}`,
    `<h1>Access blocked: This app's request is invalid</h1>
<p role="alert"><strong>Error ${input.status}: ${escapeHtml(input.error)}</strong></p>
<p>${escapeHtml(input.description)}</p>`,
  );
}
