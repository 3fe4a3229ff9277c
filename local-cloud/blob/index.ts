import type http from "node:http";

import { readBody, sendJson, type Emulator } from "../lib/http";
import { BlobApiError, BlobStore, type BlobAccess, type StoredBlob } from "./blob-store";

export type { BlobAccess } from "./blob-store";

export interface BlobStoreConfig {
  storeId: string;
  /** vercel_blob_rw_<storeId>_<secret> */
  token: string;
  access: BlobAccess;
}

export interface BlobEmulatorOptions {
  stores: BlobStoreConfig[];
  now?: () => number;
}

export interface BlobView {
  pathname: string;
  url: string;
  downloadUrl: string;
  size: number;
  contentType: string;
  cacheControl: string;
  uploadedAt: string;
  etag: string;
}

export interface BlobSnapshot {
  apiUrl: string | null;
  stores: { storeId: string; access: BlobAccess; blobs: BlobView[] }[];
}

/** The SDK keeps the API root under this path, so the emulator does too. */
const API_PATH = "/api/blob";
const MAX_LIST_LIMIT = 1000;

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function forbidden(): BlobApiError {
  return new BlobApiError(403, "forbidden", "Access denied, please provide a valid token for this resource.");
}

function notFound(): BlobApiError {
  return new BlobApiError(404, "not_found", "The requested blob does not exist");
}

export class BlobEmulator implements Emulator {
  readonly name = "blob";
  private readonly stores = new Map<string, { config: BlobStoreConfig; store: BlobStore }>();
  private baseUrl: string | undefined;

  constructor(options: BlobEmulatorOptions) {
    const now = options.now ?? Date.now;
    for (const config of options.stores) {
      if (!config.token.startsWith(`vercel_blob_rw_${config.storeId}_`)) {
        throw new Error(`blob emulator: the token of store ${config.storeId} must be vercel_blob_rw_${config.storeId}_<secret>`);
      }
      this.stores.set(config.storeId, { config, store: new BlobStore(config.storeId, config.access, now) });
    }
  }

  onListen(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  /** What VERCEL_BLOB_API_URL must be set to. */
  get apiUrl(): string {
    return `${this.listeningUrl()}${API_PATH}`;
  }

  /** The bytes of a blob, for the inbox page; undefined when absent. */
  read(storeId: string, pathname: string): { body: Buffer; contentType: string } | undefined {
    const blob = this.stores.get(storeId)?.store.get(pathname);
    return blob === undefined ? undefined : { body: Buffer.from(blob.body), contentType: blob.contentType };
  }

  reset(): void {
    for (const { store } of this.stores.values()) store.clear();
  }

  snapshot(): BlobSnapshot {
    return {
      apiUrl: this.baseUrl === undefined ? null : this.apiUrl,
      stores: [...this.stores.values()].map(({ config, store }) => ({
        storeId: config.storeId,
        access: config.access,
        blobs: store.all().map((blob) => this.view(store, blob)),
      })),
    };
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    try {
      if (url.pathname === "/__control/snapshot" && req.method === "GET") {
        sendJson(res, 200, this.snapshot());
      } else if (url.pathname === "/__control/reset" && req.method === "POST") {
        await readBody(req);
        this.reset();
        sendJson(res, 200, { ok: true });
      } else if (url.pathname === API_PATH || url.pathname.startsWith(`${API_PATH}/`)) {
        await this.handleApi(req, res, url);
      } else {
        await readBody(req);
        this.serveFile(req, res, url);
      }
    } catch (error) {
      if (!(error instanceof BlobApiError)) throw error;
      sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    }
  }

  private async handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const store = this.authenticate(req);
    const route = url.pathname.slice(API_PATH.length).replace(/^\/$/, "");
    const params = url.searchParams;

    if (req.method === "PUT" && route === "" && params.has("fromUrl")) {
      sendJson(res, 200, this.copy(req, store, params.get("fromUrl") as string, params.get("pathname") ?? ""));
    } else if (req.method === "PUT" && route === "") {
      const blob = store.put(this.pathnameParam(params), body, this.putOptions(req, store));
      sendJson(res, 200, this.putResult(store, blob));
    } else if (req.method === "GET" && route === "" && params.has("url")) {
      const blob = store.get(this.pathnameOf(store, params.get("url") as string));
      if (blob === undefined) throw notFound();
      const { url: blobUrl, downloadUrl, pathname, size, contentType, cacheControl, uploadedAt, etag } = this.view(store, blob);
      const contentDisposition = this.contentDisposition(blob.pathname, false);
      sendJson(res, 200, { url: blobUrl, downloadUrl, pathname, size, contentType, contentDisposition, cacheControl, uploadedAt, etag });
    } else if (req.method === "GET" && route === "") {
      sendJson(res, 200, this.list(store, params));
    } else if (req.method === "POST" && route === "/delete") {
      const { urls } = JSON.parse(body.toString("utf8") || "{}") as { urls?: unknown };
      if (!Array.isArray(urls)) throw new BlobApiError(400, "bad_request", "urls must be an array");
      const ifMatch = header(req, "x-if-match");
      for (const target of urls) store.delete(this.pathnameOf(store, String(target)), ifMatch);
      sendJson(res, 200, {});
    } else {
      throw new BlobApiError(400, "bad_request", `The local cloud does not implement ${req.method} ${url.pathname}`);
    }
  }

  private authenticate(req: http.IncomingMessage): BlobStore {
    const token = /^Bearer\s+(\S+)$/i.exec(header(req, "authorization") ?? "")?.[1];
    if (token === undefined) throw forbidden();
    const storeId = token.split("_")[3] ?? "";
    const entry = this.stores.get(storeId);
    if (entry === undefined) throw new BlobApiError(404, "store_not_found", "This store does not exist.");
    if (entry.config.token !== token) throw forbidden();
    return entry.store;
  }

  private pathnameParam(params: URLSearchParams): string {
    const pathname = params.get("pathname") ?? "";
    if (pathname === "") throw new BlobApiError(400, "bad_request", "pathname is required");
    return pathname;
  }

  private putOptions(req: http.IncomingMessage, store: BlobStore) {
    const access = header(req, "x-vercel-blob-access");
    if (access !== store.access) {
      throw new BlobApiError(
        400,
        "bad_request",
        `Cannot use ${access ?? "unspecified"} access on a ${store.access} store. The store is configured with ${store.access} access.`,
      );
    }
    const maxAge = header(req, "x-cache-control-max-age");
    return {
      addRandomSuffix: header(req, "x-add-random-suffix") === "1",
      allowOverwrite: header(req, "x-allow-overwrite") === "1",
      contentType: header(req, "x-content-type"),
      cacheControlMaxAge: maxAge === undefined ? undefined : Number(maxAge),
      ifMatch: header(req, "x-if-match"),
    };
  }

  private copy(req: http.IncomingMessage, store: BlobStore, fromUrl: string, toPathname: string) {
    const source = store.get(this.pathnameOf(store, fromUrl));
    if (source === undefined) throw notFound();
    const options = this.putOptions(req, store);
    const blob = store.put(toPathname, source.body, {
      ...options,
      contentType: options.contentType ?? source.contentType,
    });
    return this.putResult(store, blob);
  }

  private list(store: BlobStore, params: URLSearchParams) {
    const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, Number(params.get("limit") ?? MAX_LIST_LIMIT) || MAX_LIST_LIMIT));
    const folded = params.get("mode") === "folded";
    const page = store.list({ prefix: params.get("prefix") ?? "", limit, cursor: params.get("cursor") ?? undefined, folded });
    return {
      blobs: page.blobs.map((blob) => {
        const { url, downloadUrl, pathname, size, uploadedAt, etag } = this.view(store, blob);
        return { url, downloadUrl, pathname, size, uploadedAt, etag };
      }),
      ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
      hasMore: page.hasMore,
      ...(folded ? { folders: page.folders } : {}),
    };
  }

  /** Accepts a pathname, an emulator URL or a vercel-storage.com URL, as the API does. */
  private pathnameOf(store: BlobStore, target: string): string {
    if (!/^https?:\/\//.test(target)) return target;
    const parsed = new URL(target);
    const path = parsed.pathname.slice(1).split("/").map(decodeURIComponent).join("/");
    if (parsed.hostname.endsWith(".blob.vercel-storage.com")) return path;
    return path.startsWith(`${store.storeId}/`) ? path.slice(store.storeId.length + 1) : path;
  }

  private serveFile(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const [, storeId = "", ...segments] = url.pathname.split("/");
    const entry = this.stores.get(storeId);
    if (entry === undefined || segments.length === 0) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    if (entry.config.access === "private") {
      const token = /^Bearer\s+(\S+)$/i.exec(header(req, "authorization") ?? "")?.[1];
      if (token !== entry.config.token) {
        res.writeHead(403, { "content-type": "text/plain" }).end("Forbidden");
        return;
      }
    }
    const blob = entry.store.get(segments.map(decodeURIComponent).join("/"));
    if (blob === undefined || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    const headers = {
      "content-type": blob.contentType,
      "content-length": String(blob.body.length),
      "content-disposition": this.contentDisposition(blob.pathname, url.searchParams.get("download") === "1"),
      "cache-control": this.cacheControl(entry.store, blob),
      etag: blob.etag,
      "last-modified": new Date(blob.uploadedAt).toUTCString(),
    };
    if (header(req, "if-none-match") === blob.etag) {
      res.writeHead(304, { etag: blob.etag }).end();
      return;
    }
    res.writeHead(200, headers).end(req.method === "HEAD" ? undefined : blob.body);
  }

  private putResult(store: BlobStore, blob: StoredBlob) {
    const { url, downloadUrl, pathname, contentType, etag } = this.view(store, blob);
    return { url, downloadUrl, pathname, contentType, contentDisposition: this.contentDisposition(blob.pathname, false), etag };
  }

  private view(store: BlobStore, blob: StoredBlob): BlobView {
    const url = `${this.listeningUrl()}/${store.storeId}/${blob.pathname.split("/").map(encodeURIComponent).join("/")}`;
    return {
      pathname: blob.pathname,
      url,
      downloadUrl: `${url}?download=1`,
      size: blob.body.length,
      contentType: blob.contentType,
      cacheControl: this.cacheControl(store, blob),
      uploadedAt: new Date(blob.uploadedAt).toISOString(),
      etag: blob.etag,
    };
  }

  private cacheControl(store: BlobStore, blob: StoredBlob): string {
    return store.access === "private" ? `private, max-age=${blob.cacheControlMaxAge}` : `public, max-age=${blob.cacheControlMaxAge}`;
  }

  private contentDisposition(pathname: string, download: boolean): string {
    const filename = pathname.split("/").at(-1) ?? pathname;
    return `${download ? "attachment" : "inline"}; filename="${filename.replaceAll('"', "")}"`;
  }

  private listeningUrl(): string {
    if (this.baseUrl === undefined) throw new Error("blob emulator: URLs are known only once it listens");
    return this.baseUrl;
  }
}

export function createBlobEmulator(options: BlobEmulatorOptions): BlobEmulator {
  return new BlobEmulator(options);
}
