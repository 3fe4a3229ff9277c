export { authRouter } from "./router";
