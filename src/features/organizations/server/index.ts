export { organizationsRouter } from "./router";
