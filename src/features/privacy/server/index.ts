export { privacyRouter } from "./router";
