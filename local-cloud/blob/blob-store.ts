import crypto from "node:crypto";

import { contentTypeFor } from "./content-type";

export type BlobAccess = "public" | "private";

export interface StoredBlob {
  pathname: string;
  body: Buffer;
  contentType: string;
  cacheControlMaxAge: number;
  uploadedAt: number;
  etag: string;
}

export interface PutOptions {
  addRandomSuffix: boolean;
  allowOverwrite: boolean;
  contentType: string | undefined;
  cacheControlMaxAge: number | undefined;
  ifMatch: string | undefined;
}

export class BlobApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// Vercel's default: one month of CDN and browser caching.
const DEFAULT_MAX_AGE = 2_592_000;
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomSuffix(): string {
  const bytes = crypto.randomBytes(30);
  return [...bytes].map((byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join("");
}

function withSuffix(pathname: string): string {
  const match = /^(.*?)(\.[^./]+)?$/.exec(pathname);
  return `${match?.[1] ?? pathname}-${randomSuffix()}${match?.[2] ?? ""}`;
}

/** One store's blobs, with the overwrite and suffix rules of the Vercel Blob API. */
export class BlobStore {
  private readonly blobs = new Map<string, StoredBlob>();

  constructor(
    readonly storeId: string,
    readonly access: BlobAccess,
    private readonly now: () => number,
  ) {}

  put(pathname: string, body: Buffer, options: PutOptions): StoredBlob {
    const finalPathname = options.addRandomSuffix ? withSuffix(pathname) : pathname;
    const existing = this.blobs.get(finalPathname);
    if (options.ifMatch !== undefined && existing?.etag !== options.ifMatch) {
      throw new BlobApiError(412, "precondition_failed", "Precondition failed: ETag mismatch.");
    }
    if (existing !== undefined && !options.allowOverwrite && options.ifMatch === undefined) {
      throw new BlobApiError(
        400,
        "bad_request",
        "This blob already exists, use `allowOverwrite: true` if you want to overwrite it. Or `addRandomSuffix: true` to generate a unique filename.",
      );
    }
    const blob: StoredBlob = {
      pathname: finalPathname,
      body,
      contentType: options.contentType ?? contentTypeFor(finalPathname),
      cacheControlMaxAge: options.cacheControlMaxAge ?? DEFAULT_MAX_AGE,
      uploadedAt: this.now(),
      etag: `"${crypto.createHash("md5").update(body).digest("hex")}"`,
    };
    this.blobs.set(finalPathname, blob);
    return blob;
  }

  get(pathname: string): StoredBlob | undefined {
    return this.blobs.get(pathname);
  }

  delete(pathname: string, ifMatch?: string): void {
    const existing = this.blobs.get(pathname);
    if (ifMatch !== undefined && existing?.etag !== ifMatch) {
      throw new BlobApiError(412, "precondition_failed", "Precondition failed: ETag mismatch.");
    }
    this.blobs.delete(pathname);
  }

  /** Sorted by pathname; in folded mode a folder is one entry. The cursor is the last entry's key. */
  list(options: { prefix: string; limit: number; cursor: string | undefined; folded: boolean }) {
    const after = options.cursor === undefined ? "" : Buffer.from(options.cursor, "base64url").toString("utf8");
    const entries: { key: string; blob: StoredBlob | undefined }[] = [];
    for (const pathname of [...this.blobs.keys()].filter((key) => key.startsWith(options.prefix)).sort()) {
      const slash = pathname.indexOf("/", options.prefix.length);
      const key = options.folded && slash >= 0 ? pathname.slice(0, slash + 1) : pathname;
      if (key === entries.at(-1)?.key) continue;
      entries.push({ key, blob: key === pathname ? this.blobs.get(pathname) : undefined });
    }
    const remaining = entries.filter((entry) => entry.key > after);
    const page = remaining.slice(0, options.limit);
    const hasMore = remaining.length > page.length;
    return {
      blobs: page.flatMap((entry) => (entry.blob === undefined ? [] : [entry.blob])),
      folders: page.filter((entry) => entry.blob === undefined).map((entry) => entry.key),
      hasMore,
      cursor: hasMore ? Buffer.from(page.at(-1)?.key ?? "", "utf8").toString("base64url") : undefined,
    };
  }

  all(): StoredBlob[] {
    return [...this.blobs.values()].sort((a, b) => a.pathname.localeCompare(b.pathname));
  }

  clear(): void {
    this.blobs.clear();
  }
}
