import { describe, expect, it } from "vitest";
import type { OnboardingProfileDto } from "../../schemas";
import type { DocumentRequirementDto, ProviderDocumentDto } from "../../types";
import { isEditableState, missingForSubmission, onboardingState, onboardingStatusOf } from "./onboarding-checklist";

const SUBMITTED_AT = new Date("2027-01-11T09:00:00Z");

const profile = (overrides: Partial<OnboardingProfileDto> = {}): OnboardingProfileDto => ({
  id: "p1",
  slug: "amara-okafor",
  displayName: "Dr. Amara Okafor",
  bio: "",
  timeZone: "Europe/London",
  registrationNumber: "GMC 7654321",
  languages: ["en"],
  specialties: [{ slug: "pediatrics", name: "Pediatrics" }],
  status: "PENDING",
  submittedAt: null,
  statusReason: null,
  statusChangedAt: null,
  ...overrides,
});

const file = (status: ProviderDocumentDto["status"], createdAt: Date, reviewReason: string | null = null): ProviderDocumentDto => ({
  id: `doc-${status}-${createdAt.getTime()}`,
  documentTypeId: "t",
  fileName: "licence.pdf",
  contentType: "application/pdf",
  sizeBytes: 100,
  status,
  reviewReason,
  reviewedAt: null,
  createdAt,
  supersededAt: null,
});

const requirement = (key: string, name: string, current: ProviderDocumentDto | null): DocumentRequirementDto => ({
  documentType: { id: key, key, name, description: "", acceptedContentTypes: ["application/pdf"], maxBytes: 1000 },
  current,
  history: [],
});

const before = new Date(SUBMITTED_AT.getTime() - 60_000);
const after = new Date(SUBMITTED_AT.getTime() + 60_000);

describe("onboardingState", () => {
  const sent = profile({ submittedAt: SUBMITTED_AT });
  it("is a draft until sent, then in review, and waits to be sent again after it came back or got a newer file", () => {
    const uploaded = [requirement("licence", "Professional licence", file("SUBMITTED", before))];
    expect(onboardingState(profile(), uploaded, false)).toBe("DRAFT");
    expect(onboardingState(sent, uploaded, true)).toBe("IN_REVIEW");
    expect(onboardingState(sent, [requirement("licence", "Licence", file("SUBMITTED", after))], true)).toBe("READY_TO_RESEND");
    // The team's rejection clears submitted_at: once the file is replaced, it goes again.
    expect(onboardingState(profile(), uploaded, true)).toBe("READY_TO_RESEND");
  });

  it("asks for a new file while a current one is rejected, sent or not", () => {
    const rejected = [
      requirement("licence", "Licence", file("SUBMITTED", after)),
      requirement("id", "Identity document", file("REJECTED", before, "Blurry")),
    ];
    expect(onboardingState(profile(), rejected, true)).toBe("CHANGES_REQUESTED");
    expect(onboardingState(sent, rejected, true)).toBe("CHANGES_REQUESTED");
    expect(onboardingState(profile(), rejected, false)).toBe("CHANGES_REQUESTED");
  });

  it("follows the decision once there is one", () => {
    for (const status of ["APPROVED", "REJECTED", "SUSPENDED"] as const) {
      expect(onboardingState(profile({ status, submittedAt: SUBMITTED_AT }), [], true)).toBe(status);
      expect(isEditableState(status)).toBe(false);
    }
    expect(isEditableState("IN_REVIEW")).toBe(false);
    expect(["DRAFT", "CHANGES_REQUESTED", "READY_TO_RESEND"].every((state) => isEditableState(state as "DRAFT"))).toBe(true);
  });
});

describe("missingForSubmission and the status", () => {
  it("names each missing part and each document by key", () => {
    const missing = missingForSubmission({
      profile: profile({ registrationNumber: null, specialties: [], languages: [] }),
      activeServiceCount: 0,
      requirements: [
        requirement("professional-licence", "Professional licence", null),
        requirement("identity-document", "Identity document", file("REJECTED", before, "Blurry")),
        requirement("indemnity-insurance", "Indemnity insurance", file("SUBMITTED", before)),
      ],
    });
    expect(missing).toEqual({
      registrationNumber: ["Add your professional registration number (Profile step)."],
      specialties: ["Choose at least one specialty (Specialties & languages step)."],
      languages: ["Choose at least one language you consult in (Specialties & languages step)."],
      services: ["Add at least one active service patients can book (Services step)."],
      "documents.professional-licence": ["Upload your professional licence (Documents step)."],
      "documents.identity-document": ["Your identity document was not accepted: upload a new file (Documents step)."],
    });
  });

  it("can submit a complete draft or a resend, never one in review or sent back with a rejection", () => {
    const complete = [requirement("professional-licence", "Professional licence", file("SUBMITTED", before))];
    const facts = { profile: profile(), activeServiceCount: 1, requirements: complete, sentBefore: false };
    const draft = onboardingStatusOf(facts, "Dr. Amara Okafor");
    expect(draft).toMatchObject({ state: "DRAFT", canEdit: true, canSubmit: true, missing: {} });
    expect(draft.steps).toEqual({ profile: true, specialties: true, services: true, documents: true });

    expect(onboardingStatusOf({ ...facts, profile: profile({ submittedAt: SUBMITTED_AT }), sentBefore: true }, "")).toMatchObject({
      state: "IN_REVIEW",
      canEdit: false,
      canSubmit: false,
    });

    const rejected = onboardingStatusOf(
      { ...facts, sentBefore: true, requirements: [requirement("professional-licence", "Professional licence", file("REJECTED", before, "Expired"))] },
      "",
    );
    expect(rejected).toMatchObject({ state: "CHANGES_REQUESTED", canEdit: true, canSubmit: false });
    expect(rejected.rejectedDocuments).toEqual([{ documentTypeKey: "professional-licence", name: "Professional licence", reason: "Expired" }]);

    const resend = onboardingStatusOf({ ...facts, sentBefore: true, requirements: [requirement("professional-licence", "Licence", file("SUBMITTED", after))] }, "");
    expect(resend).toMatchObject({ state: "READY_TO_RESEND", sentBefore: true, canEdit: true, canSubmit: true });

    expect(onboardingStatusOf({ ...facts, profile: profile({ status: "SUSPENDED" }) }, "")).toMatchObject({ canEdit: false, canSubmit: false });
  });
});
