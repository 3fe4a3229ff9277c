import { del, head, put, type PutBlobResult } from "@vercel/blob";

import { AppError } from "@/lib/errors/app-error";

import { toAppError } from "./errors";

export type BlobAccess = "public" | "private";

/**
 * The SDK reads its API base from VERCEL_BLOB_API_URL itself (validated in env.mjs); it has no
 * per-call option for it, so the local cloud is selected through that variable.
 */
export interface BlobConfig {
  /** vercel_blob_rw_<storeId>_<secret> */
  token: string;
  /** Fixed per store by Vercel: a store is either public or private. */
  access: BlobAccess;
}

export type BlobBody = string | Buffer | Blob | ArrayBuffer | ReadableStream;

export interface PutBlobInput {
  pathname: string;
  body: BlobBody;
  contentType: string;
  /** Defaults to true on public stores so URLs cannot be guessed. */
  addRandomSuffix?: boolean;
  allowOverwrite?: boolean;
  cacheControlMaxAgeSeconds?: number;
}

export interface StoredBlob {
  url: string;
  pathname: string;
  contentType: string;
  etag: string;
}

export interface PrivateBlob {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  size: number;
  etag: string;
}

export interface BlobClient {
  putBlob(input: PutBlobInput): Promise<StoredBlob>;
  deleteBlob(urlOrPathname: string | string[]): Promise<void>;
  /** For our authenticated download route only: never hand a private URL to a browser. */
  getPrivateBlob(urlOrPathname: string): Promise<PrivateBlob>;
}

function toStoredBlob(result: PutBlobResult): StoredBlob {
  return { url: result.url, pathname: result.pathname, contentType: result.contentType, etag: result.etag };
}

export function createBlobClient(config: BlobConfig): BlobClient {
  const { token, access } = config;

  return {
    async putBlob(input) {
      try {
        const result = await put(input.pathname, input.body, {
          access,
          token,
          contentType: input.contentType,
          addRandomSuffix: input.addRandomSuffix ?? access === "public",
          allowOverwrite: input.allowOverwrite ?? false,
          ...(input.cacheControlMaxAgeSeconds !== undefined ? { cacheControlMaxAge: input.cacheControlMaxAgeSeconds } : {}),
        });
        return toStoredBlob(result);
      } catch (error) {
        throw toAppError(error);
      }
    },

    async deleteBlob(urlOrPathname) {
      try {
        await del(urlOrPathname, { token });
      } catch (error) {
        throw toAppError(error);
      }
    },

    async getPrivateBlob(urlOrPathname) {
      // The SDK's get() only fetches *.blob.vercel-storage.com hosts, so the URL comes from
      // head() and the download is a plain authenticated fetch, as get() itself does.
      // no-store: Next.js must never keep patient documents in its data cache.
      let response: Response;
      try {
        const meta = await head(urlOrPathname, { token });
        response = await fetch(meta.url, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
      } catch (error) {
        throw toAppError(error);
      }
      if (response.status === 404) throw new AppError("NOT_FOUND", "The file does not exist.", { retryable: false });
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        throw new AppError("INTEGRATION_UNAVAILABLE", "File storage is unavailable. Try again later.", {
          vendor: "vercel-blob",
          status: response.status,
          retryable: response.status >= 500,
        });
      }
      return {
        body: response.body,
        contentType: response.headers.get("content-type") ?? "application/octet-stream",
        size: Number(response.headers.get("content-length") ?? 0),
        etag: response.headers.get("etag") ?? "",
      };
    },
  };
}

let defaultClient: Promise<BlobClient> | undefined;

async function buildDefaultClient(): Promise<BlobClient> {
  // Imported lazily so modules (and their tests) that never store files need no env.
  const { env } = await import("~/env");
  if (env.BLOB_READ_WRITE_TOKEN === undefined) {
    throw new AppError("INTEGRATION_UNAVAILABLE", "File storage is not configured: set BLOB_READ_WRITE_TOKEN.", {
      vendor: "vercel-blob",
      reason: "misconfigured",
      retryable: false,
    });
  }
  // Our store holds patient documents, so it is private.
  return createBlobClient({ token: env.BLOB_READ_WRITE_TOKEN, access: "private" });
}

function getDefaultClient(): Promise<BlobClient> {
  defaultClient ??= buildDefaultClient().catch((error: unknown) => {
    defaultClient = undefined;
    throw error;
  });
  return defaultClient;
}

export async function putBlob(input: PutBlobInput): Promise<StoredBlob> {
  return (await getDefaultClient()).putBlob(input);
}

export async function deleteBlob(urlOrPathname: string | string[]): Promise<void> {
  return (await getDefaultClient()).deleteBlob(urlOrPathname);
}

export async function getPrivateBlob(urlOrPathname: string): Promise<PrivateBlob> {
  return (await getDefaultClient()).getPrivateBlob(urlOrPathname);
}
