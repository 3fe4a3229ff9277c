import type { PageContext } from "../context";
import { html, type Html } from "../html";
import { blobViewPath } from "../media";
import { formatBytes } from "../size";
import { formatUtc } from "../time";
import { notEmulated } from "./not-emulated";

export function blobsPage(ctx: PageContext): Html {
  const blob = ctx.emulators.blob;
  if (!blob) return notEmulated("Blobs", "Vercel Blob");
  const snapshot = blob.snapshot();
  return html`<h2>Blobs</h2>
${snapshot.stores.map((store) => {
  const id = `store-${store.storeId}`;
  const blobs = [...store.blobs].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  return html`<section class="card" aria-labelledby="${id}">
<h3 id="${id}">Store ${store.storeId} <span class="muted small">(${store.access}, ${blobs.length} blob(s))</span></h3>
${
  blobs.length === 0
    ? html`<p class="muted">Empty.</p>`
    : html`<table>
<thead><tr><th scope="col">Pathname</th><th scope="col">Size</th><th scope="col">Type</th><th scope="col">Uploaded</th><th scope="col">View</th></tr></thead>
<tbody>${blobs.map((b) => {
        // A private blob's URL needs the store token, which a browser link cannot send.
        const href = store.access === "private" ? blobViewPath(store.storeId, b.pathname) : b.url;
        return html`<tr><td><code>${b.pathname}</code></td><td>${formatBytes(b.size)}</td><td>${b.contentType}</td><td>${formatUtc(b.uploadedAt)}</td><td><a href="${href}" target="_blank" rel="noreferrer">View<span class="visually-hidden"> ${b.pathname}</span></a></td></tr>`;
      })}</tbody>
</table>`
}
</section>`;
})}`;
}
