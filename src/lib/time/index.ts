export * from "./local-date";
export * from "./zoned";
