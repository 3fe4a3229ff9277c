import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const VENDOR_SDKS = [
  "@googleapis/*",
  "@googlemaps/*",
  "@photostructure/tz-lookup",
  "googleapis",
  "google-auth-library",
  "@sendgrid/*",
  "twilio",
  "twilio/*",
  "@vercel/blob",
  "@vercel/blob/*",
  "stripe",
];

/**
 * Features in dependency order: a feature may import only the public API of features listed
 * before it. What must flow the other way travels as a job or domain event.
 */
const FEATURE_ORDER = ["auth", "providers", "organizations", "availability", "search", "bookings", "calendar-sync", "communications", "onboarding", "privacy", "billing", "admin"];

const deepFeatureImport = {
  group: ["@/features/*/*", "!@/features/*/server", "@/features/*/server/*"],
  message: "Import another feature only through its index.ts or server/index.ts; inside a feature use relative paths.",
};
const databaseImport = {
  group: ["drizzle-orm", "drizzle-orm/*", "pg"],
  message: "Database access belongs in a *-repository.ts or src/server/db.",
};
const vendorImport = {
  // Our own integration modules live under a folder named after the vendor; they are the way in.
  group: [...VENDOR_SDKS, "!@/server/integrations/**"],
  message: "Vendor SDKs are constructed only in src/server/integrations/<vendor>/.",
};
const localCloudImport = {
  group: ["**/local-cloud/**", "**/local-cloud"],
  message: "The local cloud is a development tool; app code talks to vendors through src/server/integrations.",
};

function restricted(...patterns) {
  return ["error", { patterns }];
}

const featureZones = FEATURE_ORDER.flatMap((feature, index) =>
  FEATURE_ORDER.slice(index + 1).map((later) => ({
    target: `./src/features/${feature}`,
    from: `./src/features/${later}`,
    message: `${feature} comes before ${later} in the feature order, so it may not depend on it.`,
  })),
);

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".data/**", "node_modules/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
    },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./src/server", "./src/lib", "./src/components", "./src/trpc"],
              from: ["./src/features", "./src/app"],
              except: [],
              message: "Infrastructure never imports features or routes.",
            },
            { target: "./src/features", from: "./src/app", message: "Features never import routes." },
            { target: ["./src/lib", "./src/components"], from: ["./src/server", "./src/trpc"], message: "lib and components/ui are pure." },
            ...featureZones,
          ],
        },
      ],
      "no-restricted-imports": restricted(deepFeatureImport, databaseImport, vendorImport, localCloudImport),
    },
  },
  {
    // The composition roots: the API mounts every feature router, the job runtime every feature task.
    files: ["src/server/api/root.ts", "src/server/jobs/product-jobs.ts"],
    rules: { "import/no-restricted-paths": "off" },
  },
  {
    // tRPC's client needs the router *type*; type-only imports erase at build time.
    files: ["src/trpc/**"],
    rules: {
      "import/no-restricted-paths": ["error", { zones: [{ target: "./src/trpc", from: "./src/features", message: "Infrastructure never imports features." }] }],
    },
  },
  {
    files: ["src/**/*-repository.ts", "src/server/db/**", "src/test/**", "src/**/*.integration.test.ts", "src/server/trpc/access-repository.ts"],
    rules: { "no-restricted-imports": restricted(deepFeatureImport, vendorImport, localCloudImport) },
  },
  {
    // Test helpers start the local cloud for integration tests, as the test files themselves may.
    files: ["src/test/**"],
    rules: { "no-restricted-imports": restricted(deepFeatureImport, vendorImport) },
  },
  {
    files: ["src/server/integrations/**"],
    rules: { "no-restricted-imports": restricted(deepFeatureImport, databaseImport, localCloudImport) },
  },
  {
    // Tooling and tests outside the app: may use the database, vendor SDKs and the local cloud.
    files: ["scripts/**", "local-cloud/**", "e2e/**", "src/**/*.test.ts", "*.config.*"],
    rules: { "no-restricted-imports": "off", "import/no-restricted-paths": "off" },
  },
];

export default config;
