export * from "./local-date";
export * from "./zoned";
export * from "./format";
export * from "./time-zone-schema";
