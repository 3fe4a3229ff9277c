/**
 * Just enough of Handlebars for display: `{{path.to.value}}` (HTML-escaped when rendering HTML)
 * and `{{{raw}}}`. Block helpers are left as written so a template's author can still spot them.
 */
const TOKEN = /\{\{\{\s*([\w.]+)\s*\}\}\}|\{\{\s*([\w.]+)\s*\}\}/g;

function lookup(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");
}

export function renderTemplate(
  template: string,
  data: Record<string, unknown>,
  { html }: { html: boolean },
): string {
  return template.replace(TOKEN, (_match, raw: string | undefined, escaped: string | undefined) => {
    const value = lookup(data, (raw ?? escaped) as string);
    if (value === undefined || value === null) return "";
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return html && raw === undefined ? escapeHtml(text) : text;
  });
}

/** SendGrid generates a plain-text part from HTML when none is given; a rough version of that. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/h[1-6]|\/li|\/tr)\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&nbsp;", " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
