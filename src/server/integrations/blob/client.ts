import { del, head, list, put, type PutBlobResult } from "@vercel/blob";

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

export interface ListedBlob {
  url: string;
  pathname: string;
  uploadedAt: Date;
}

export interface ListBlobsInput {
  prefix: string;
  /** From the previous page's `cursor`. */
  cursor?: string;
  /** At most 1000 (the API's maximum). */
  limit?: number;
}

export interface BlobPage {
  blobs: ListedBlob[];
  /** Present when `hasMore`. */
  cursor?: string;
  hasMore: boolean;
}

export interface BlobClient {
  /** The store's access, so callers can refuse to put private data in a public store. */
  readonly access: BlobAccess;
  putBlob(input: PutBlobInput): Promise<StoredBlob>;
  deleteBlob(urlOrPathname: string | string[]): Promise<void>;
  /** For our authenticated download route only: never hand a private URL to a browser. */
  getPrivateBlob(urlOrPathname: string): Promise<PrivateBlob>;
  listBlobs(input: ListBlobsInput): Promise<BlobPage>;
}

function toStoredBlob(result: PutBlobResult): StoredBlob {
  return { url: result.url, pathname: result.pathname, contentType: result.contentType, etag: result.etag };
}

export function createBlobClient(config: BlobConfig): BlobClient {
  const { token, access } = config;

  return {
    access,

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

    async listBlobs(input) {
      try {
        const page = await list({
          token,
          prefix: input.prefix,
          ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
          ...(input.limit !== undefined ? { limit: input.limit } : {}),
        });
        return {
          blobs: page.blobs.map((blob) => ({ url: blob.url, pathname: blob.pathname, uploadedAt: blob.uploadedAt })),
          ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
          hasMore: page.hasMore,
        };
      } catch (error) {
        throw toAppError(error);
      }
    },
  };
}

/**
 * Two stores, because Vercel fixes access per store: the private one (BLOB_READ_WRITE_TOKEN) holds
 * patient documents and patients' contact cards; the public one (BLOB_PUBLIC_READ_WRITE_TOKEN)
 * only non-sensitive files meant to be fetched by anyone holding the URL (providers' cards).
 */
const STORE_TOKENS = {
  private: "BLOB_READ_WRITE_TOKEN",
  public: "BLOB_PUBLIC_READ_WRITE_TOKEN",
} as const satisfies Record<BlobAccess, string>;

const defaultClients: Partial<Record<BlobAccess, Promise<BlobClient>>> = {};

async function buildDefaultClient(access: BlobAccess): Promise<BlobClient> {
  // Imported lazily so modules (and their tests) that never store files need no env.
  const { env } = await import("~/env");
  const variable = STORE_TOKENS[access];
  const token = env[variable];
  if (token === undefined) {
    throw new AppError("INTEGRATION_UNAVAILABLE", `File storage is not configured: set ${variable}.`, {
      vendor: "vercel-blob",
      reason: "misconfigured",
      retryable: false,
    });
  }
  return createBlobClient({ token, access });
}

/** The app's client for one store, built from env on first use (a failed build is retried next time). */
export function getDefaultBlobClient(access: BlobAccess): Promise<BlobClient> {
  const client = (defaultClients[access] ??= buildDefaultClient(access).catch((error: unknown) => {
    delete defaultClients[access];
    throw error;
  }));
  return client;
}

/** A BlobClient that resolves the store's default client on each call, so importing it needs no env. */
function lazyClient(access: BlobAccess): BlobClient {
  const client = () => getDefaultBlobClient(access);
  return {
    access,
    putBlob: async (input) => (await client()).putBlob(input),
    deleteBlob: async (urlOrPathname) => (await client()).deleteBlob(urlOrPathname),
    getPrivateBlob: async (urlOrPathname) => (await client()).getPrivateBlob(urlOrPathname),
    listBlobs: async (input) => (await client()).listBlobs(input),
  };
}

/** The private store: patient documents and patients' contact cards. */
export const privateBlobs: BlobClient = lazyClient("private");

/** The public store: files anyone with the URL may read (providers' contact cards). */
export const publicBlobs: BlobClient = lazyClient("public");

export async function putBlob(input: PutBlobInput): Promise<StoredBlob> {
  return privateBlobs.putBlob(input);
}

export async function deleteBlob(urlOrPathname: string | string[]): Promise<void> {
  return privateBlobs.deleteBlob(urlOrPathname);
}

export async function getPrivateBlob(urlOrPathname: string): Promise<PrivateBlob> {
  return privateBlobs.getPrivateBlob(urlOrPathname);
}
