import { z } from "zod";
import { isValidTimeZone } from "./zoned";

/**
 * An IANA zone name ("Europe/London", "Asia/Kolkata", "UTC"). Abbreviations such as "EST"
 * are refused even where Intl knows them: they hide DST rules and are ambiguous across regions.
 */
export const timeZoneSchema = z
  .string()
  .refine(
    (zone) => isValidTimeZone(zone) && (zone.includes("/") || zone === "UTC"),
    "must be an IANA time zone such as Europe/London or Asia/Kolkata",
  );
