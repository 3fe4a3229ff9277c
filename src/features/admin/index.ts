export { AdminOverview } from "./components/admin-overview";
export type { PlatformOverview } from "./types";
