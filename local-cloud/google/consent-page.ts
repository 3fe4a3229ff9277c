import type { Account } from "./oauth";

/** Sign-in scopes: Google grants them with the account choice; they never get a checkbox. */
export const IDENTITY_SCOPES = new Set([
  "openid",
  "email",
  "profile",
  "https://www.googleapis.com/auth/userinfo.email",
  "https://www.googleapis.com/auth/userinfo.profile",
]);

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
  fieldset { border: 1px solid #dadce0; border-radius: .5rem; margin: 0 0 1rem; }
  .scope { display: flex; gap: .5rem; align-items: flex-start; margin: .5rem 0; }
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

/**
 * One form: the checkboxes of Google's granular consent (one per non-sign-in scope, ticked here so
 * a plain "choose the account" click grants everything; untick to refuse a scope) and one submit
 * button per demo account, whose `account` value the browser sends with the ticked `scope`s.
 */
export function renderConsentPage(input: {
  requestId: string;
  clientId: string;
  accounts: Account[];
  scopes: string[];
  /** Give every non-sign-in scope its own checkbox. */
  granular: boolean;
  action: string;
}): string {
  const fixed = input.granular ? input.scopes.filter((scope) => IDENTITY_SCOPES.has(scope)) : input.scopes;
  const choosable = input.granular ? input.scopes.filter((scope) => !IDENTITY_SCOPES.has(scope)) : [];
  const scopeItems = [...new Set(fixed.map(describeScope))].map((words) => `<li>${escapeHtml(words)}</li>`).join("\n");
  const checkboxes = choosable
    .map(
      (scope, index) => `<div class="scope">
  <input type="checkbox" id="scope-${index}" name="scope" value="${escapeHtml(scope)}" checked>
  <label for="scope-${index}">${escapeHtml(describeScope(scope))}</label>
</div>`,
    )
    .join("\n");
  const accountButtons = input.accounts
    .map(
      (account) => `<button type="submit" class="account" name="account" value="${escapeHtml(account.sub)}" aria-label="Continue as ${escapeHtml(account.name)} (${escapeHtml(account.email)})">
  <span class="name">${escapeHtml(account.name)}</span><br>
  <span class="email">${escapeHtml(account.email)}</span>
</button>`,
    )
    .join("\n");
  return page(
    "Sign in - Google Accounts (local cloud)",
    `<h1>Choose an account</h1>
<p>to continue to <strong>${escapeHtml(input.clientId)}</strong></p>
<p class="notice" role="note">Local cloud: this is an emulator of Google sign-in. No real Google account is used.</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<section aria-labelledby="scopes-heading">
<h2 id="scopes-heading">This app will be able to</h2>
${scopeItems ? `<ul>\n${scopeItems}\n</ul>` : ""}
${
  checkboxes
    ? `<fieldset>
<legend>Select what ${escapeHtml(input.clientId)} can access</legend>
${checkboxes}
</fieldset>`
    : ""
}
</section>
<section aria-labelledby="accounts-heading">
<h2 id="accounts-heading">Demo accounts</h2>
${accountButtons || "<p>No demo accounts are configured.</p>"}
</section>
<button type="submit" name="deny" value="1">Cancel</button>
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
