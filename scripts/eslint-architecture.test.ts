import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The architecture rules are only real if ESLint actually fails on a violation.
let eslint: ESLint;
beforeAll(() => {
  // import/no-cycle needs real files on disk; these probes are virtual, so it is left out here.
  eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { rules: { "import/no-cycle": "off" } } });
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

// The first lint loads the TypeScript resolver and the whole config: seconds on a busy 2-core machine.
describe("architecture lint rules", { timeout: 30_000 }, () => {
  it("keeps database access in repositories and src/server/db", async () => {
    const messages = await ruleIds("src/features/providers/server/list-thing.ts", 'import { sql } from "drizzle-orm";\nexport const x = sql;\n');
    expect(messages.join("\n")).toMatch(/no-restricted-imports: .*Database access belongs/);
    expect(await ruleIds("src/features/providers/server/thing-repository.ts", 'import { sql } from "drizzle-orm";\nexport const x = sql;\n')).toEqual([]);
  });

  it("keeps vendor SDKs inside their integration folder", async () => {
    expect((await ruleIds("src/features/bookings/server/notify.ts", 'import twilio from "twilio";\nexport const x = twilio;\n')).join("\n")).toMatch(/Vendor SDKs/);
  });

  it("forbids infrastructure importing features, deep feature imports and upward feature imports", async () => {
    expect((await ruleIds("src/lib/probe.ts", 'import { ProviderDirectory } from "@/features/providers";\nexport const x = ProviderDirectory;\n')).join("\n")).toMatch(/Infrastructure never imports features/);
    expect((await ruleIds("src/features/admin/server/probe.ts", 'import { providersRouter } from "@/features/providers/server/router";\nexport const x = providersRouter;\n')).join("\n")).toMatch(/only through its index.ts/);
    expect((await ruleIds("src/features/providers/server/probe.ts", 'import { adminRouter } from "@/features/admin/server";\nexport const x = adminRouter;\n')).join("\n")).toMatch(/providers comes before admin/);
  });

  it("keeps the local cloud out of the app", async () => {
    expect((await ruleIds("src/server/probe.ts", 'import { serve } from "../../local-cloud/lib/http";\nexport const x = serve;\n')).join("\n")).toMatch(/local cloud is a development tool/);
  });
});
