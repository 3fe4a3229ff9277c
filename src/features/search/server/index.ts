export { searchRouter } from "./router";
export { placesRouter } from "./places-router";
export { searchProviders } from "./search-providers";
