// Integration files build their own context; nothing here reads the app's env schema.
process.env.SKIP_ENV_VALIDATION ??= "1";
export {};
