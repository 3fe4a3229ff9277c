import { AppError } from "@/lib/errors/app-error";
import { cleanCardText } from "./vcard-format";

/** A required card field, cleaned; an empty one is a VALIDATION error naming it. */
export function requiredCardText(field: string, value: string): string {
  const cleaned = cleanCardText(value);
  if (cleaned === "") {
    throw new AppError("VALIDATION", `A contact card needs ${field}, and it is empty.`, {
      fieldErrors: { [field]: ["Must not be empty."] },
    });
  }
  return cleaned;
}

/** An optional card field, cleaned; empty becomes absent. */
export function optionalCardText(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const cleaned = cleanCardText(value);
  return cleaned === "" ? undefined : cleaned;
}

/** The app's origin for links on cards: absolute http(s), without a trailing slash. */
export function cardAppUrl(appUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(appUrl);
  } catch {
    parsed = new URL("invalid:");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new AppError("VALIDATION", "appUrl must be the app's absolute http(s) origin, e.g. https://medbookings.example.", {
      fieldErrors: { appUrl: ["Must be an absolute http(s) URL."] },
    });
  }
  return appUrl.replace(/\/+$/, "");
}
