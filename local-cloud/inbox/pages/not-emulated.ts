import { html, type Html } from "../html";

export function notEmulated(title: string, vendor: string): Html {
  return html`<h2>${title}</h2><p class="card">${vendor} is not emulated in this run (live keys are in use), so there is nothing to show.</p>`;
}
