import { describe, expect, it } from "vitest";
import {
  firstOpenStep,
  registrationNumberSchema,
  saveOnboardingProfileInput,
  saveOnboardingSpecialtiesInput,
  startOnboardingInput,
  stepOfMissing,
  submitForReviewInput,
} from "./schemas";

describe("onboarding input schemas", () => {
  it("trims registration numbers and takes letters, digits, spaces, dashes and dots, 3 to 40 long", () => {
    expect(registrationNumberSchema.parse("  GMC 7654321 ")).toBe("GMC 7654321");
    expect(registrationNumberSchema.parse("MCI-12.345")).toBe("MCI-12.345");
    for (const refused of ["AB", "GMC#1234", "x".repeat(41), ".123", "12/345", "１２３４"]) {
      expect(registrationNumberSchema.safeParse(refused).success, refused).toBe(false);
    }
  });

  it("stores IANA zones with their usual capitals, keeps current names, and refuses abbreviations", () => {
    expect(startOnboardingInput.parse({ timeZone: "europe/london" }).timeZone).toBe("Europe/London");
    expect(startOnboardingInput.parse({ timeZone: " UTC " }).timeZone).toBe("UTC");
    // Not the runtime's canonical name, which older ICU data spells Asia/Katmandu and Asia/Calcutta.
    expect(startOnboardingInput.parse({ timeZone: "Asia/Kathmandu" }).timeZone).toBe("Asia/Kathmandu");
    expect(startOnboardingInput.parse({ timeZone: "Asia/Kolkata" }).timeZone).toBe("Asia/Kolkata");
    for (const timeZone of ["EST", "PST", "Mars/Olympus_Mons", ""]) {
      const result = startOnboardingInput.safeParse({ timeZone });
      expect(result.success, timeZone).toBe(false);
      expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual(["timeZone"]);
    }
  });

  it("defaults the introduction and refuses a null character in stored text", () => {
    const base = { displayName: "Dr. A B", timeZone: "Asia/Kolkata", registrationNumber: "MCI 123" };
    expect(saveOnboardingProfileInput.parse(base).bio).toBe("");
    expect(saveOnboardingProfileInput.safeParse({ ...base, bio: "a\u0000b" }).success).toBe(false);
  });

  it("takes one to five specialties and known languages, without duplicates", () => {
    expect(saveOnboardingSpecialtiesInput.parse({ specialties: ["pediatrics", "pediatrics"], languages: ["en", "fr", "en"] })).toEqual({
      specialties: ["pediatrics"],
      languages: ["en", "fr"],
    });
    expect(saveOnboardingSpecialtiesInput.safeParse({ specialties: [], languages: ["en"] }).success).toBe(false);
    expect(saveOnboardingSpecialtiesInput.safeParse({ specialties: ["a", "b", "c", "d", "e", "f"], languages: ["en"] }).success).toBe(false);
    expect(saveOnboardingSpecialtiesInput.safeParse({ specialties: ["Pediatrics!"], languages: ["en"] }).success).toBe(false);
    expect(saveOnboardingSpecialtiesInput.safeParse({ specialties: ["pediatrics"], languages: ["klingon"] }).success).toBe(false);
    expect(saveOnboardingSpecialtiesInput.safeParse({ specialties: ["pediatrics"], languages: [] }).success).toBe(false);
  });

  it("needs the provider terms accepted to submit", () => {
    expect(submitForReviewInput.safeParse({ acceptProviderTerms: true }).success).toBe(true);
    expect(submitForReviewInput.safeParse({ acceptProviderTerms: false }).success).toBe(false);
    expect(submitForReviewInput.safeParse({}).success).toBe(false);
  });
});

describe("wizard navigation helpers", () => {
  it("opens at the first unfinished step, or the review when all are done or editing is closed", () => {
    const steps = { profile: true, specialties: true, services: false, documents: false };
    expect(firstOpenStep({ steps, canEdit: true })).toBe("services");
    expect(firstOpenStep({ steps: { profile: true, specialties: true, services: true, documents: true }, canEdit: true })).toBe("review");
    expect(firstOpenStep({ steps, canEdit: false })).toBe("review");
  });

  it("sends each missing item to the step that fixes it", () => {
    expect(stepOfMissing("registrationNumber")).toBe("profile");
    expect(stepOfMissing("languages")).toBe("specialties");
    expect(stepOfMissing("services")).toBe("services");
    expect(stepOfMissing("documents.identity-document")).toBe("documents");
    expect(stepOfMissing("acceptProviderTerms")).toBe("review");
  });
});
