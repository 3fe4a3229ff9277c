/**
 * What the upload form and the upload route agree on about verification files: how accepted
 * types and limits are named to people, and which file names are refused. Pure and client-safe.
 */

const CONTENT_TYPES: Record<string, { label: string; extensions: readonly string[] }> = {
  "application/pdf": { label: "PDF", extensions: ["pdf"] },
  "image/png": { label: "PNG", extensions: ["png"] },
  "image/jpeg": { label: "JPEG", extensions: ["jpg", "jpeg", "jpe", "jfif"] },
};

/** Longer names are refused rather than cut, so the provider sees the name they chose. */
export const MAX_FILE_NAME_LENGTH = 200;

/** "PDF", "PNG", ...; an unknown type as is. */
export function contentTypeLabel(contentType: string): string {
  return CONTENT_TYPES[contentType]?.label ?? contentType;
}

/** The usual extensions of a content type (lower case, no dot); empty when unknown. */
export function extensionsOf(contentType: string): readonly string[] {
  return CONTENT_TYPES[contentType]?.extensions ?? [];
}

/** "PDF, PNG or JPEG". */
export function describeContentTypes(contentTypes: readonly string[]): string {
  const labels = contentTypes.map(contentTypeLabel);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;
}

/** The file input's accept attribute: the content types and their extensions, so pickers filter on either. */
export function acceptAttribute(contentTypes: readonly string[]): string {
  return contentTypes.flatMap((type) => [type, ...extensionsOf(type).map((extension) => `.${extension}`)]).join(",");
}

/** 10485760 → "10 MB", 1572864 → "1.5 MB" (binary megabytes, as file managers show them). */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  const rounded = megabytes >= 10 ? Math.round(megabytes) : Math.round(megabytes * 10) / 10;
  return `${rounded === 0 && bytes > 0 ? 0.1 : rounded} MB`;
}

// C0 and C1 controls, DEL, and the invisible direction and joiner marks that can make
// "licence‮fdp.exe" read as "licence‭exe.pdf".
function isControlOrInvisible(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x2069) ||
    codePoint === 0xfeff
  );
}

export const FILE_NAME_MESSAGE = `The file name must not contain a path (/ or \\), "..", or control characters, and must be at most ${MAX_FILE_NAME_LENGTH} characters. Rename the file and try again.`;

/** Why a file name is refused, or null when it is acceptable. */
export function fileNameProblem(name: string): string | null {
  if (name.length > MAX_FILE_NAME_LENGTH || name.includes("/") || name.includes("\\") || name.includes("..") || [...name].some((c) => isControlOrInvisible(c.codePointAt(0) ?? 0))) {
    return FILE_NAME_MESSAGE;
  }
  return null;
}

/** The name kept for display: Unicode-normalized, spaces collapsed, never empty. Call after fileNameProblem. */
export function cleanFileName(name: string): string {
  const cleaned = name.normalize("NFC").replace(/\s+/gu, " ").trim();
  return cleaned === "" ? "document" : cleaned;
}

/**
 * The name's extension when it has one that looks like a file type (letters and digits after the
 * last dot, at least one letter): "licence.PDF" → "pdf"; "scan.2024" and "Dr. Smith" have none.
 */
export function fileNameExtension(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(name);
  const extension = match?.[1]?.toLowerCase();
  return extension !== undefined && /[a-z]/.test(extension) ? extension : null;
}
