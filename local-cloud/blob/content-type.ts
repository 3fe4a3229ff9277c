const BY_EXTENSION: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  css: "text/css",
  csv: "text/csv",
  ics: "text/calendar",
  vcf: "text/vcard",
  js: "application/javascript",
  json: "application/json",
  pdf: "application/pdf",
  zip: "application/zip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
};

/** Vercel Blob infers the content type from the pathname's extension when none is given. */
export function contentTypeFor(pathname: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || "application/octet-stream";
}
