import type { BlobEmulator, BlobSnapshot } from "../blob";
import { parseVCard, type VCard } from "./vcard";

export type MediaView =
  | { kind: "image"; href: string; src: string }
  | { kind: "vcard"; href: string; card: VCard | undefined }
  | { kind: "link"; href: string; contentType: string | undefined };

interface Fetched {
  contentType: string | undefined;
  text: string | undefined;
}

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|avif|svg|bmp)$/i;
const VCARD_EXTENSION = /\.vcf$/i;
const VCARD_TYPE = /^text\/(x-)?vcard\b/i;
const MAX_VCARD_BYTES = 64 * 1024;
const CACHE_SIZE = 200;
const FAILURE_TTL_MS = 30_000;

/** The inbox route that shows a blob; private stores need it because the browser has no token. */
export function blobViewPath(storeId: string, pathname: string): string {
  return `/blobs/view?${new URLSearchParams({ store: storeId, pathname }).toString()}`;
}

/**
 * Decides how a message's media URL is shown. Blobs of the local store are read in-process
 * (a private store's URL opens nothing in a browser); other URLs are fetched once, briefly,
 * only to learn whether they are an image or a vCard.
 */
export function createMediaResolver(options: { blob: BlobEmulator | undefined; fetchTimeoutMs: number }) {
  const cache = new Map<string, { result: Promise<Fetched | undefined>; at: number; failed: boolean }>();

  function fetchOnce(url: string): Promise<Fetched | undefined> {
    const cached = cache.get(url);
    // A failure (the app not up yet, say) is retried after a while rather than remembered forever.
    if (cached !== undefined && !(cached.failed && Date.now() - cached.at > FAILURE_TTL_MS)) return cached.result;
    const entry = { result: fetchMedia(url, options.fetchTimeoutMs), at: Date.now(), failed: false };
    void entry.result.then((fetched) => {
      entry.failed = fetched === undefined;
    });
    cache.delete(url);
    cache.set(url, entry);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return entry.result;
  }

  function blobIndex(snapshot: BlobSnapshot | undefined) {
    const index = new Map<string, { storeId: string; pathname: string; contentType: string; isPrivate: boolean; url: string }>();
    for (const store of snapshot?.stores ?? []) {
      for (const blob of store.blobs) {
        index.set(blob.url, { storeId: store.storeId, pathname: blob.pathname, contentType: blob.contentType, isPrivate: store.access === "private", url: blob.url });
      }
    }
    return index;
  }

  async function resolve(url: string, blobs: ReturnType<typeof blobIndex>): Promise<MediaView> {
    const blob = blobs.get(url.split("?")[0] ?? url);
    if (blob !== undefined) {
      const href = blob.isPrivate ? blobViewPath(blob.storeId, blob.pathname) : blob.url;
      if (blob.contentType.startsWith("image/")) return { kind: "image", href, src: href };
      if (VCARD_TYPE.test(blob.contentType) || VCARD_EXTENSION.test(blob.pathname)) {
        const body = options.blob?.read(blob.storeId, blob.pathname)?.body;
        const text = body !== undefined && body.length <= MAX_VCARD_BYTES ? body.toString("utf8") : undefined;
        return { kind: "vcard", href, card: text === undefined ? undefined : parseVCard(text) };
      }
      return { kind: "link", href, contentType: blob.contentType };
    }
    if (!/^https?:\/\//i.test(url)) return { kind: "link", href: url, contentType: undefined };
    const path = new URL(url).pathname;
    if (IMAGE_EXTENSION.test(path)) return { kind: "image", href: url, src: url };
    const fetched = await fetchOnce(url);
    if (VCARD_EXTENSION.test(path) || VCARD_TYPE.test(fetched?.contentType ?? "")) {
      return { kind: "vcard", href: url, card: fetched?.text === undefined ? undefined : parseVCard(fetched.text) };
    }
    if (fetched?.contentType?.startsWith("image/")) return { kind: "image", href: url, src: url };
    return { kind: "link", href: url, contentType: fetched?.contentType };
  }

  return { blobIndex, resolve };
}

async function fetchMedia(url: string, timeoutMs: number): Promise<Fetched | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const contentType = response.headers.get("content-type") ?? undefined;
    const declared = Number(response.headers.get("content-length") ?? 0);
    const isText = VCARD_TYPE.test(contentType ?? "") || VCARD_EXTENSION.test(new URL(url).pathname);
    if (!isText || declared > MAX_VCARD_BYTES) {
      await response.body?.cancel();
      return { contentType, text: undefined };
    }
    const body = Buffer.from(await response.arrayBuffer());
    return { contentType, text: body.length <= MAX_VCARD_BYTES ? body.toString("utf8") : undefined };
  } catch {
    return undefined;
  }
}
