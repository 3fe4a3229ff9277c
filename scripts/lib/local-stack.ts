import { DEMO_GOOGLE_ACCOUNTS } from "../../src/server/db/seed/demo-data";
import { startLocalCloud, VENDORS, type LocalCloud, type Vendor } from "../../local-cloud";

/** Variables whose presence means "use the live vendor". */
const LIVE_MARKERS: Record<Vendor, string[]> = {
  google: ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  sendgrid: ["SENDGRID_API_KEY"],
  twilio: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"],
  blob: ["BLOB_READ_WRITE_TOKEN"],
  places: ["GOOGLE_MAPS_SERVER_KEY"],
};

export function liveVendors(env: Record<string, string | undefined>): Set<Vendor> {
  return new Set(VENDORS.filter((vendor) => LIVE_MARKERS[vendor].every((name) => Boolean(env[name]))));
}

/** Starts emulators for every vendor without live credentials. */
export async function startLocalVendors(options: {
  appUrl: string;
  env: Record<string, string | undefined>;
  ports?: Partial<Record<Vendor, number>>;
  inboxPort?: number;
}): Promise<{ cloud: LocalCloud; live: Set<Vendor> }> {
  const live = liveVendors(options.env);
  const cloud = await startLocalCloud({
    appUrl: options.appUrl,
    accounts: DEMO_GOOGLE_ACCOUNTS,
    vendors: VENDORS.filter((vendor) => !live.has(vendor)),
    ports: options.ports,
    inboxPort: options.inboxPort,
  });
  return { cloud, live };
}
