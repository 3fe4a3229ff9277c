/**
 * Reading an upload's multipart body with a byte cap. The request's Content-Length is compared
 * with the cap before anything is read, but never trusted: the bytes are counted as they arrive
 * and reading stops at the first byte over the cap, so a body that lies about its length, or has
 * none (chunked), cannot make the server hold more than the cap.
 */

/** Room for the multipart framing around the file: boundaries, part headers, the small fields. */
export const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

// The small fields are expected before the file (the upload form appends them first); past this
// many bytes without having seen them, the cap stays as it started.
const LEADING_FIELDS_WINDOW = 8 * 1024;

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data content type, or null when it is not one. */
export function multipartBoundary(contentType: string | null): string | null {
  if (contentType === null || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

export interface LeadingFields {
  /** The plain (non-file) fields before the first file part; the first value of each name. */
  fields: Map<string, string>;
  /** False while the body may still hold more plain fields before its first file part. */
  complete: boolean;
}

function dispositionParameter(headers: string, name: string): string | undefined {
  const disposition = /^content-disposition:([^\r\n]*)$/im.exec(headers)?.[1];
  if (disposition === undefined) return undefined;
  return new RegExp(`;\\s*${name}="([^"]*)"`, "i").exec(disposition)?.[1];
}

/**
 * The plain fields at the start of a (possibly partial) multipart body, up to its first file part.
 * Only used to learn the document type early; the whole body is parsed by the platform's own
 * parser once read.
 */
export function leadingFields(body: Buffer, boundary: string): LeadingFields {
  const fields = new Map<string, string>();
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const first = body.indexOf(delimiter);
  if (first === -1) return { fields, complete: false };
  let position = first + delimiter.length;
  for (;;) {
    if (body.length < position + 2) return { fields, complete: false };
    // "--" after a delimiter closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return { fields, complete: true };
    if (!body.subarray(position, position + 2).equals(CRLF)) return { fields, complete: true };
    const headersStart = position + 2;
    const headersEnd = body.indexOf(HEADERS_END, headersStart);
    if (headersEnd === -1) return { fields, complete: false };
    const headers = body.subarray(headersStart, headersEnd).toString("latin1");
    if (dispositionParameter(headers, "filename") !== undefined) return { fields, complete: true };
    const valueStart = headersEnd + HEADERS_END.length;
    const valueEnd = body.indexOf(nextDelimiter, valueStart);
    if (valueEnd === -1) return { fields, complete: false };
    const name = dispositionParameter(headers, "name");
    if (name !== undefined && !fields.has(name)) fields.set(name, body.subarray(valueStart, valueEnd).toString("utf8"));
    position = valueEnd + nextDelimiter.length;
  }
}

export interface BodyLimit {
  maxBytes: number;
  /** The error to throw when the body is (or says it is) longer. */
  tooLarge: () => Error;
}

export interface ReadMultipartBodyOptions {
  body: ReadableStream<Uint8Array> | null;
  boundary: string;
  /** Content-Length as sent, or null. */
  declaredLength: number | null;
  /**
   * The limit given the plain fields before the file: called with null first, and again once
   * those fields have arrived, when it may tighten the limit (or throw to refuse at once).
   */
  limit: (fields: ReadonlyMap<string, string> | null) => BodyLimit;
}

/** The whole body, or the limit's error as soon as the declared length or the bytes read pass it. */
export async function readMultipartBody(options: ReadMultipartBodyOptions): Promise<Buffer<ArrayBuffer>> {
  const { body, boundary, declaredLength } = options;
  let limit = options.limit(null);
  if (declaredLength !== null && declaredLength > limit.maxBytes) throw limit.tooLarge();
  if (body === null) return Buffer.alloc(0);

  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let head: Buffer | null = Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limit.maxBytes) throw limit.tooLarge();
      chunks.push(value);
      if (head !== null) {
        head = Buffer.concat([head, value]);
        const leading = leadingFields(head, boundary);
        if (leading.complete) {
          head = null;
          limit = options.limit(leading.fields);
          if ((declaredLength !== null && declaredLength > limit.maxBytes) || received > limit.maxBytes) throw limit.tooLarge();
        } else if (head.length > LEADING_FIELDS_WINDOW) {
          head = null;
        }
      }
    }
  } catch (error) {
    // Stop the client's upload instead of draining it.
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  return Buffer.concat(chunks, received);
}
