/**
 * A tiny HTML template: every interpolated value is escaped unless it is already `Html`
 * (built by this tag), so vendor data (email subjects, WhatsApp bodies, event summaries)
 * can never add markup to the inbox.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join("");
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new Html(out);
}

/** Markup from a trusted constant in this folder (CSS, the refresh script); never vendor data. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** A POST form with a hidden `back` field, so the action can redirect to where the person was. */
export function form(action: string, back: string, body: Html, options: { className?: string; label?: string } = {}): Html {
  return html`<form method="post" action="${action}"${options.className ? html` class="${options.className}"` : ""}${
    options.label ? html` aria-label="${options.label}"` : ""
  }><input type="hidden" name="back" value="${back}">${body}</form>`;
}

let fieldCounter = 0;

/** A labelled input; every field in the inbox goes through this so none is unlabelled. */
export function field(
  label: string,
  name: string,
  options: { type?: string; value?: string; required?: boolean; placeholder?: string; size?: number; min?: number } = {},
): Html {
  fieldCounter = (fieldCounter + 1) % 1_000_000;
  const id = `f${fieldCounter}`;
  return html`<label for="${id}">${label}</label> <input id="${id}" name="${name}" type="${options.type ?? "text"}"${
    options.value !== undefined ? html` value="${options.value}"` : ""
  }${options.required ? trusted(" required") : ""}${options.placeholder ? html` placeholder="${options.placeholder}"` : ""}${
    options.size ? html` size="${options.size}"` : ""
  }${options.min !== undefined ? html` min="${options.min}"` : ""}>`;
}

export function select(label: string, name: string, choices: readonly (string | { value: string; label: string })[], selected?: string): Html {
  fieldCounter = (fieldCounter + 1) % 1_000_000;
  const id = `f${fieldCounter}`;
  const options = choices.map((choice) => {
    const { value, label: text } = typeof choice === "string" ? { value: choice, label: choice } : choice;
    return html`<option value="${value}"${value === selected ? trusted(" selected") : ""}>${text}</option>`;
  });
  return html`<label for="${id}">${label}</label> <select id="${id}" name="${name}">${options}</select>`;
}

export function button(text: string, options: { name?: string; value?: string; danger?: boolean } = {}): Html {
  return html`<button type="submit"${options.name ? html` name="${options.name}" value="${options.value ?? ""}"` : ""}${
    options.danger ? trusted(' class="danger"') : ""
  }>${text}</button>`;
}
