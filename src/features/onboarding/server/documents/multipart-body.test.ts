import { describe, expect, it } from "vitest";
import { leadingFields, multipartBoundary, readMultipartBody, type BodyLimit } from "./multipart-body";

async function encode(form: FormData): Promise<{ bytes: Buffer; contentType: string }> {
  const request = new Request("http://test.local/", { method: "POST", body: form });
  return { bytes: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

/** A stream that hands out `bytes` in chunks of `size`, counting how many bytes were pulled. */
function chunked(bytes: Buffer, size: number) {
  const stats = { pulled: 0, cancelled: false };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const chunk = bytes.subarray(offset, offset + size);
      offset += chunk.length;
      stats.pulled += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
    cancel() {
      stats.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, stats };
}

class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`over ${limit}`);
  }
}

const limitOf = (maxBytes: number): BodyLimit => ({ maxBytes, tooLarge: () => new TooLarge(maxBytes) });

describe("multipartBoundary", () => {
  it("reads plain and quoted boundaries of multipart/form-data only", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----abc123")).toBe("----abc123");
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe("a b:c");
    expect(multipartBoundary("application/json")).toBeNull();
    expect(multipartBoundary("multipart/form-data")).toBeNull();
    expect(multipartBoundary("multipart/form-datax; boundary=a")).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });
});

describe("leadingFields", () => {
  it("finds the small fields before the file, and says when they are all there", async () => {
    const form = new FormData();
    form.append("documentTypeId", "type-1");
    form.append("providerId", "provider-1");
    form.append("file", new File([Buffer.alloc(1000, 1)], "licence.pdf"));
    const { bytes, contentType } = await encode(form);
    const boundary = multipartBoundary(contentType)!;

    const whole = leadingFields(bytes, boundary);
    expect(whole.complete).toBe(true);
    expect(Object.fromEntries(whole.fields)).toEqual({ documentTypeId: "type-1", providerId: "provider-1" });

    const cut = bytes.indexOf("provider-1") + 4;
    const partial = leadingFields(bytes.subarray(0, cut), boundary);
    expect(partial.complete).toBe(false);
    expect(Object.fromEntries(partial.fields)).toEqual({ documentTypeId: "type-1" });
  });

  it("stops at a file that comes first", async () => {
    const form = new FormData();
    form.append("file", new File(["x"], "a.pdf"));
    form.append("documentTypeId", "late");
    const { bytes, contentType } = await encode(form);
    expect(leadingFields(bytes, multipartBoundary(contentType)!)).toEqual({ fields: new Map(), complete: true });
  });
});

describe("readMultipartBody", () => {
  it("reads a body within its limit whole", async () => {
    const body = Buffer.alloc(5000, 7);
    const { stream } = chunked(body, 333);
    const read = await readMultipartBody({ body: stream, boundary: "b", declaredLength: null, limit: () => limitOf(5000) });
    expect(read.equals(body)).toBe(true);
  });

  it("refuses a declared length over the limit without reading a byte", async () => {
    const { stream, stats } = chunked(Buffer.alloc(100), 10);
    await expect(readMultipartBody({ body: stream, boundary: "b", declaredLength: 5001, limit: () => limitOf(5000) })).rejects.toEqual(new TooLarge(5000));
    expect(stats.pulled).toBe(0);
  });

  it("stops at the first chunk over the limit when the length was not declared (or lied about), and cancels the upload", async () => {
    const { stream, stats } = chunked(Buffer.alloc(1_000_000), 1000);
    await expect(readMultipartBody({ body: stream, boundary: "b", declaredLength: 10, limit: () => limitOf(5000) })).rejects.toBeInstanceOf(TooLarge);
    expect(stats.pulled).toBe(6000);
    expect(stats.cancelled).toBe(true);
  });

  it("tightens the limit once the small fields before the file have arrived", async () => {
    const form = new FormData();
    form.append("documentTypeId", "small");
    form.append("file", new File([Buffer.alloc(20_000, 1)], "big.pdf"));
    const { bytes, contentType } = await encode(form);
    const seen: (string | undefined)[] = [];
    const limit = (fields: ReadonlyMap<string, string> | null) => {
      seen.push(fields?.get("documentTypeId"));
      return fields?.get("documentTypeId") === "small" ? limitOf(10_000) : limitOf(100_000);
    };

    const { stream, stats } = chunked(bytes, 512);
    await expect(readMultipartBody({ body: stream, boundary: multipartBoundary(contentType)!, declaredLength: null, limit })).rejects.toEqual(new TooLarge(10_000));
    expect(seen).toEqual([undefined, "small"]);
    expect(stats.pulled).toBeLessThan(12_000);

    // The declared length is held against the tightened limit as soon as the type is known.
    const declared = chunked(bytes, 512);
    await expect(
      readMultipartBody({ body: declared.stream, boundary: multipartBoundary(contentType)!, declaredLength: bytes.length, limit }),
    ).rejects.toEqual(new TooLarge(10_000));
    expect(declared.stats.pulled).toBeLessThan(2_000);
  });

  it("lets the limit refuse the fields themselves before the file is read", async () => {
    const form = new FormData();
    form.append("documentTypeId", "unknown");
    form.append("file", new File([Buffer.alloc(50_000, 1)], "a.pdf"));
    const { bytes, contentType } = await encode(form);
    const { stream, stats } = chunked(bytes, 256);
    const limit = (fields: ReadonlyMap<string, string> | null) => {
      if (fields?.get("documentTypeId") === "unknown") throw new Error("unknown type");
      return limitOf(100_000);
    };
    await expect(readMultipartBody({ body: stream, boundary: multipartBoundary(contentType)!, declaredLength: null, limit })).rejects.toThrow("unknown type");
    expect(stats.pulled).toBeLessThan(1_000);
    expect(stats.cancelled).toBe(true);
  });
});
