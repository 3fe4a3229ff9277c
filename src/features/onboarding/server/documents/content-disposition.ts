import { extensionsOf, fileNameExtension } from "../../document-files";

// What a browser may show itself under the route's sandboxing CSP. PDFs are downloads: Chrome's
// PDF viewer is a plugin, which a `sandbox` policy blocks, and the policy must stay (a PDF can
// carry scripts); the download opens in the person's own viewer, outside our origin.
const INLINE_TYPES = new Set(["image/png", "image/jpeg"]);

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The Content-Disposition of a stored document: inline for images, a download for PDFs, with the provider's
 * file name (its extension matching the content) as an ASCII fallback and in UTF-8. The name was
 * checked at upload, but it is still free text in a header: the fallback keeps only safe characters.
 */
export function documentContentDisposition(fileName: string, contentType: string): string {
  const extensions = extensionsOf(contentType);
  const extension = fileNameExtension(fileName);
  const named = extensions.length > 0 && (extension === null || !extensions.includes(extension)) ? `${fileName}.${extensions[0]}` : fileName;
  const fallback = named.replace(/[^A-Za-z0-9 ._()-]/g, "_").replace(/_+/g, "_").trim().slice(-120) || "document";
  const disposition = INLINE_TYPES.has(contentType) ? "inline" : "attachment";
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${rfc5987(named)}`;
}
