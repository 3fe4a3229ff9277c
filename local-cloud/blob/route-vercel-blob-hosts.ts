/**
 * Why this exists: @vercel/blob 2.8 reads its API base from VERCEL_BLOB_API_URL, so put, head,
 * list, copy and del reach the emulator, and getDownloadUrl() only adds ?download=1 to any URL.
 * Its get() is different: it refuses any URL whose host does not end in
 * ".blob.vercel-storage.com", and for a pathname it builds
 * https://<storeId>.<access>.blob.vercel-storage.com/<pathname> itself. No variable changes that
 * host, and a "*.blob.vercel-storage.com"-like subdomain of localhost does not pass the check, so
 * no emulator URL can satisfy get(). The emulator therefore keeps plain loopback URLs
 * (http://127.0.0.1:<port>/<storeId>/<pathname>, which browsers open, as public blobs must be), and a
 * process that wants get() installs this router: the process's fetch dispatcher (shared by Node's
 * fetch and the undici the SDK bundles) sends requests for those Vercel hosts to the emulator
 * instead, the way a hosts-file entry would, leaving the SDK's own code untouched. Use it in tests
 * and local tools only; the app's download route uses head() and an authenticated fetch.
 *
 * undici is a dependency of @vercel/blob (hoisted to node_modules), not of this project.
 */
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";

const VERCEL_BLOB_HOST = /^([a-z0-9]+)\.(public|private)\.blob\.vercel-storage\.com$/i;

/** Routes https://<storeId>.<access>.blob.vercel-storage.com/<path> to <emulatorUrl>/<storeId>/<path>. Returns the undo. */
export function routeVercelBlobHostsTo(emulatorUrl: string): () => void {
  const target = new URL(emulatorUrl).origin;
  const previous = getGlobalDispatcher();
  const agent = new Agent();
  const routed = agent.compose((dispatch: Dispatcher["dispatch"]) => (options, handler) => {
    const origin = options.origin === undefined ? undefined : new URL(String(options.origin));
    const match = origin === undefined ? null : VERCEL_BLOB_HOST.exec(origin.hostname);
    if (match === null) return dispatch(options, handler);
    return dispatch({ ...options, origin: target, path: `/${match[1] as string}${options.path}` }, handler);
  });
  setGlobalDispatcher(routed);
  return () => {
    setGlobalDispatcher(previous);
    void agent.close();
  };
}
