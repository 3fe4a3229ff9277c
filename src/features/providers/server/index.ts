export { providersRouter } from "./router";
export { listProviderLocations } from "./list-provider-locations";
export { saveServiceIn } from "./manage-services";
export { saveServiceInput } from "../schemas";
export type { ServiceDto } from "../types";
