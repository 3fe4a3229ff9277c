export { computeSlots } from "./compute-slots";
export type {
  BusyBooking,
  ComputeSlotsInput,
  DateOverride,
  DateOverrideKind,
  EpochMs,
  ExternalBusyInterval,
  LocationClosure,
  OverrideInterval,
  Slot,
  SlotMode,
  SlotServiceParams,
  SlotWindow,
  WeeklyRule,
} from "./compute-slots";
export {
  countPublicSlots,
  decodePublicSlots,
  encodePublicSlots,
  firstSlotStart,
  trimPublicSlots,
  type CompactPublicSlots,
  type CompactSlotDay,
  type SlotPlaceRef,
} from "./slot-encoding";
export { SlotPicker, type RequestedSlot, type SlotPickerProps, type SlotSuggestions } from "./components/slot-picker";
export { matchSlotLink, parseSlotLink, slotLinkQuery, SLOT_LINK_PARAMS, type SlotLink, type SlotLinkRequest } from "./slot-link";
export { TimeZoneSelect } from "./components/time-zone-select";
export { describeSlot, type PickedSlot, type SlotDescription, type SlotPlace } from "./components/slot-format";
export { usePatientTimeZone } from "./hooks/use-patient-time-zone";
export { usePublicSlots, useRefreshSlots } from "./hooks/use-public-slots";
export { ScheduleEditor } from "./components/schedule-editor";
export { OverrideManager, type OverrideManagerProps } from "./components/override-manager";
export { OrganizationScheduleEditor, type OrganizationScheduleEditorProps } from "./components/organization-schedule-editor";
export type { OrganizationScheduleDto, WorkingHoursDto } from "./organization-schedule-types";
export { SeedFromOpeningHours } from "./components/seed-from-opening-hours";
