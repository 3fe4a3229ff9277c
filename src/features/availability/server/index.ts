export { availabilityRouter } from "./router";
export { computeServiceSlots, fromEngineMode, type ServiceSlots } from "./compute-service-slots";
