export * from "./enums";
export * from "./auth";
export * from "./patients";
export * from "./providers";
export * from "./organizations";
export * from "./bookings";
export * from "./availability";
export * from "./audit";
