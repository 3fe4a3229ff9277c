import { fileTypeFromBuffer } from "file-type";

export interface DetectedContentType {
  mime: string;
  /** file-type's usual extension for it, e.g. "pdf", "elf". */
  ext: string;
}

/**
 * The file's type from its bytes (magic numbers), never from its name or the browser's claim.
 * Text formats (HTML, scripts) have no magic number and come back null, as unknown bytes do.
 */
export async function detectContentType(bytes: Uint8Array): Promise<DetectedContentType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected === undefined ? null : { mime: detected.mime, ext: detected.ext };
}
