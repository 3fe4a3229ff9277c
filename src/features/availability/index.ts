export { computeSlots } from "./compute-slots";
export type {
  BusyBooking,
  ComputeSlotsInput,
  DateOverride,
  DateOverrideKind,
  EpochMs,
  ExternalBusyInterval,
  OverrideInterval,
  Slot,
  SlotMode,
  SlotServiceParams,
  SlotWindow,
  WeeklyRule,
} from "./compute-slots";
