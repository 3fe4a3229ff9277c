/**
 * `npm run local-cloud`: every vendor emulator on its documented port (override with
 * LOCAL_CLOUD_<VENDOR>_PORT) and the Inbox page (LOCAL_CLOUD_INBOX_PORT), with the demo
 * accounts, until Ctrl-C.
 */
import { DEMO_GOOGLE_ACCOUNTS } from "../src/server/db/seed/demo-data";
import { DEFAULT_PORTS, INBOX_DEFAULT_PORT, startLocalCloud, VENDORS, type Vendor } from "./index";

const ports = Object.fromEntries(
  VENDORS.map((vendor) => [vendor, Number(process.env[`LOCAL_CLOUD_${vendor.toUpperCase()}_PORT`] ?? DEFAULT_PORTS[vendor])]),
) as Record<Vendor, number>;

const cloud = await startLocalCloud({
  appUrl: process.env.NEXTAUTH_URL ?? "http://localhost:3000",
  accounts: DEMO_GOOGLE_ACCOUNTS,
  ports,
  inboxPort: Number(process.env.LOCAL_CLOUD_INBOX_PORT ?? INBOX_DEFAULT_PORT),
});
for (const vendor of VENDORS) console.log(`${vendor.padEnd(9)} ${cloud.urls[vendor]}`);
console.log(`${"inbox".padEnd(9)} ${cloud.urls.inbox}`);
console.log("Environment for the app:");
for (const [name, value] of Object.entries(cloud.env)) console.log(`  ${name}=${value}`);

const stop = async () => {
  await cloud.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
