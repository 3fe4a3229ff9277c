export { availabilityRouter } from "./router";
export { computeServiceSlots, fromEngineMode, type ServiceSlots } from "./compute-service-slots";
export { getPublicSlots, type GetPublicSlotsOptions } from "./get-public-slots";
export { getCompactSlots, type GetCompactSlotsOptions } from "./get-compact-slots";
export { publicSlotCache, SlotCache } from "./slot-cache";
export { timetableJson, type TimetableClosure } from "./availability-repository";
export { listWorkingHoursAtLocations, type ListWorkingHoursAtLocationsOptions } from "./list-working-hours-at-locations";
