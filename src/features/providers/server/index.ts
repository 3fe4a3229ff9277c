export { providersRouter } from "./router";
