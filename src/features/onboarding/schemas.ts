import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { timeZoneSchema } from "@/lib/time";
import type { RequirementsSummary } from "./types";

/**
 * Inputs of the provider onboarding wizard (`onboarding.*`), shared by its forms and its
 * procedures, and the status the wizard renders from.
 */

/** The wizard's page (src/app/(provider)/provider/onboarding). */
export const ONBOARDING_PATH = "/provider/onboarding";

/** The wizard's steps, in order; the first four must be complete before the last one sends. */
export const ONBOARDING_STEPS = ["profile", "specialties", "services", "documents", "review"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];
export type OnboardingChecklistStep = Exclude<OnboardingStep, "review">;

export function isOnboardingStep(value: unknown): value is OnboardingStep {
  return typeof value === "string" && (ONBOARDING_STEPS as readonly string[]).includes(value);
}

export const ONBOARDING_STEP_LABELS: Record<OnboardingStep, string> = {
  profile: "Profile",
  specialties: "Specialties & languages",
  services: "Services",
  documents: "Documents",
  review: "Review & submit",
};

/** Languages a provider can say they consult in (ISO 639-1), named through src/lib/languages.ts. */
export const PROVIDER_LANGUAGES = [
  "en", "fr", "de", "es", "pt", "it", "nl", "pl", "ro", "el", "ru", "uk", "tr", "ar", "he", "fa",
  "ur", "hi", "bn", "pa", "gu", "ta", "te", "ml", "ne", "zh", "ja", "ko", "vi", "th", "ms", "id",
  "tl", "sw", "yo", "ig", "ha", "am", "zu", "af",
] as const;

/** At most this many specialties: a profile is about what the provider mainly does. */
export const MAX_SPECIALTIES = 5;
export const MAX_LANGUAGES = 12;

const displayName = storedText("The name")
  .trim()
  .min(2, "Give the name patients will see (2 characters or more).")
  .max(120, "The name can be at most 120 characters.");

/**
 * The usual capitals of a zone typed in another case ("europe/london" → "Europe/London"). Not the
 * runtime's canonical name: older ICU data turns "Asia/Kolkata" back into "Asia/Calcutta".
 */
function zoneSpelling(zone: string): string {
  const lower = zone.toLowerCase();
  return Intl.supportedValuesOf("timeZone").find((name) => name.toLowerCase() === lower) ?? zone;
}

/** An IANA zone name, as timeZoneSchema accepts it, with its usual capitals. */
const providerTimeZone = z
  .string({ error: "Choose your time zone." })
  .trim()
  .refine((zone) => timeZoneSchema.safeParse(zone).success, "Choose an IANA time zone such as Europe/London or Asia/Kolkata.")
  .transform(zoneSpelling);

/**
 * A professional registration number as councils print them: letters, digits, spaces, dashes
 * and dots, starting with a letter or digit (e.g. "GMC 7654321", "MCI-12.345").
 */
export const REGISTRATION_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 .-]*$/;

export const registrationNumberSchema = z
  .string({ error: "Enter your professional registration number." })
  .trim()
  .min(3, "The registration number has at least 3 characters.")
  .max(40, "The registration number can be at most 40 characters.")
  .regex(REGISTRATION_NUMBER_PATTERN, "Use only letters, digits, spaces, dashes (-) and dots (.) in the registration number.");

export const startOnboardingInput = z.object({
  /** Defaults to the account's name. */
  displayName: displayName.optional(),
  timeZone: providerTimeZone,
});
export type StartOnboardingInput = z.input<typeof startOnboardingInput>;

export const saveOnboardingProfileInput = z.object({
  displayName,
  bio: storedText("The introduction").trim().max(2000, "The introduction can be at most 2,000 characters.").default(""),
  timeZone: providerTimeZone,
  registrationNumber: registrationNumberSchema,
});
export type SaveOnboardingProfileInput = z.input<typeof saveOnboardingProfileInput>;

const specialtySlug = z
  .string({ error: "Choose specialties from the list." })
  .regex(/^[a-z0-9-]{1,64}$/, "Choose specialties from the list.");

const languageCode = z
  .string({ error: "Choose languages from the list." })
  .refine((code) => (PROVIDER_LANGUAGES as readonly string[]).includes(code), "Choose languages from the list.");

export const saveOnboardingSpecialtiesInput = z.object({
  specialties: z
    .array(specialtySlug, { error: "Choose at least one specialty." })
    .min(1, "Choose at least one specialty.")
    .max(MAX_SPECIALTIES, `Choose at most ${MAX_SPECIALTIES} specialties.`)
    .transform((slugs) => [...new Set(slugs)]),
  languages: z
    .array(languageCode, { error: "Choose at least one language you consult in." })
    .min(1, "Choose at least one language you consult in.")
    .max(MAX_LANGUAGES, `Choose at most ${MAX_LANGUAGES} languages.`)
    .transform((codes) => [...new Set(codes)]),
});
export type SaveOnboardingSpecialtiesInput = z.input<typeof saveOnboardingSpecialtiesInput>;

export const removeOnboardingServiceInput = z.object({
  serviceId: z.uuid("serviceId must be a service id"),
});

export const submitForReviewInput = z.object({
  acceptProviderTerms: z.literal(true, { error: "Accept the provider terms to send your profile for review." }),
});
export type SubmitForReviewInput = z.input<typeof submitForReviewInput>;

/**
 * Where the provider is in onboarding:
 * - NOT_STARTED: no provider profile yet;
 * - DRAFT: never sent: editable, sent with `onboarding.submit`;
 * - IN_REVIEW: sent and waiting for our team: read-only;
 * - CHANGES_REQUESTED: a current document was rejected (which also sends a sent profile back):
 *   upload a new file, then send again;
 * - READY_TO_RESEND: sent before and back with the provider (a rejected file replaced, or changed
 *   since), or given a new file while waiting: send it again;
 * - APPROVED: published; REJECTED / SUSPENDED: closed, with the team's reason.
 */
export type OnboardingState =
  | "NOT_STARTED"
  | "DRAFT"
  | "IN_REVIEW"
  | "CHANGES_REQUESTED"
  | "READY_TO_RESEND"
  | "APPROVED"
  | "REJECTED"
  | "SUSPENDED";

export type ProviderStatus = "PENDING" | "APPROVED" | "SUSPENDED" | "REJECTED";

export interface OnboardingProfileDto {
  id: string;
  slug: string;
  displayName: string;
  bio: string;
  timeZone: string;
  registrationNumber: string | null;
  languages: string[];
  specialties: { slug: string; name: string }[];
  status: ProviderStatus;
  /** When it was last sent for review; null while it is a draft. */
  submittedAt: Date | null;
  /** The team's reason for a rejection or suspension (or a note when sending it back). */
  statusReason: string | null;
  statusChangedAt: Date | null;
}

export interface OnboardingStatusDto {
  state: OnboardingState;
  profile: OnboardingProfileDto | null;
  /** The account's name, offered as the display name when starting. */
  suggestedDisplayName: string;
  /** Whether the profile was sent for review before (the next sending is "again"). */
  sentBefore: boolean;
  /** Which of the four steps before review are complete. */
  steps: Record<OnboardingChecklistStep, boolean>;
  activeServiceCount: number;
  /** The documents' states; null before the profile exists. */
  documents: RequirementsSummary | null;
  /** Current files the team rejected, with their reason, for the banner and the documents step. */
  rejectedDocuments: { documentTypeKey: string; name: string; reason: string }[];
  /** Whether the wizard's forms may save (see onboarding-guards.ts for the rule). */
  canEdit: boolean;
  /** Whether `onboarding.submit` would be accepted now (with the terms accepted). */
  canSubmit: boolean;
  /** What still stops a submission, keyed like submit's field errors (e.g. "documents.identity-document"). */
  missing: Record<string, string[]>;
}

/** Where the wizard opens without a `?step=`: the first step to finish, or the review once all are done or sent. */
export function firstOpenStep(status: Pick<OnboardingStatusDto, "steps" | "canEdit">): OnboardingStep {
  if (!status.canEdit) return "review";
  return ONBOARDING_STEPS.find((step) => step !== "review" && !status.steps[step]) ?? "review";
}

/** Which step fixes a submission's missing item ("documents.identity-document" → documents). */
export function stepOfMissing(key: string): OnboardingStep {
  if (key === "registrationNumber" || key === "displayName" || key === "timeZone" || key === "bio") return "profile";
  if (key === "specialties" || key === "languages") return "specialties";
  if (key === "services") return "services";
  if (key.startsWith("documents.")) return "documents";
  return "review";
}
