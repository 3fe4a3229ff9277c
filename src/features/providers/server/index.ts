export { providersRouter } from "./router";
export { listProviderLocations } from "./list-provider-locations";
