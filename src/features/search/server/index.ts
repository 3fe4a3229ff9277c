export { searchRouter } from "./router";
export { searchProviders } from "./search-providers";
