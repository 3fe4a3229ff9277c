import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";
import { buildContext, ONBOARDING_URL, PROVIDER_HOME_URL, REVIEW_REASON } from "./test-fixtures";
import type { MessageContext } from "./types";

type ReviewPurpose = Extract<MessageContext["purpose"], `provider_review.${string}`>;

const contextFor = (purpose: ReviewPurpose, review: Partial<NonNullable<MessageContext["providerReview"]>> = {}): MessageContext => {
  const base = buildContext({ purpose });
  return { ...base, providerReview: { ...base.providerReview!, ...review } };
};

describe("provider_review emails: the platform's decisions, told to the provider", () => {
  it("document not accepted: names the document, gives the reason once, and links the onboarding page", async () => {
    const email = await renderEmail(contextFor("provider_review.document_rejected"));
    expect(email.subject).toBe("Not accepted: Professional licence");
    // The reason's own full stop is not doubled.
    expect(email.text).toContain("Your Professional licence was not accepted: The licence has expired; send the current one.");
    expect(email.text).not.toContain("one..");
    expect(email.text).toContain("Upload a new file and send your profile for review again.");
    expect(email.html).toContain(`href="${ONBOARDING_URL}"`);
    expect(email.attachments).toEqual([]);
  });

  it("approved: the profile is live, with a link to the provider's page", async () => {
    const email = await renderEmail(contextFor("provider_review.approved"));
    expect(email.subject).toBe("Your profile is live on MedBookings");
    expect(email.text).toContain("Your profile is live");
    expect(email.text).toContain("Dr. Amelia Hart, your provider profile on MedBookings is approved: patients can now find you in search and book the times you offer.");
    expect(email.html).toContain(`href="${PROVIDER_HOME_URL}"`);
  });

  it("rejected and suspended quote the reason; a suspension says future bookings were cancelled and patients told", async () => {
    const rejected = await renderEmail(contextFor("provider_review.rejected"));
    expect(rejected.text).toContain("we could not approve your provider profile");
    expect(rejected.text).toContain("Reason given:");
    expect(rejected.text).toContain(REVIEW_REASON);
    expect(rejected.text).toContain("This decision is final.");

    const suspended = await renderEmail(contextFor("provider_review.suspended", { reason: "Registration lapsed\nwith the council" }));
    expect(suspended.subject).toBe("Your provider profile on MedBookings is suspended");
    expect(suspended.text).toContain("Patients can no longer find or book you.");
    expect(suspended.text).toContain("Registration lapsed");
    expect(suspended.text).toContain("Any of your bookings that had not started were cancelled, and their patients were told.");
  });

  it("reinstated: live again, and cancelled bookings stay cancelled", async () => {
    const email = await renderEmail(contextFor("provider_review.reinstated"));
    expect(email.subject).toBe("Your profile is live on MedBookings again");
    expect(email.text).toContain("patients can find and book you again");
    expect(email.text).toContain("Bookings cancelled during the suspension stay cancelled.");
    expect(email.text).not.toContain("Reason given:");
  });

  it("keeps a multi-line document name out of the subject's header lines", async () => {
    const email = await renderEmail(contextFor("provider_review.document_rejected", { documentName: `Licence\r\nBcc: x@y.z ${"long ".repeat(20)}` }));
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.length).toBeLessThanOrEqual(60);
  });

  it("refuses a context that would send a wrong message: wrong recipient, no reason, no document name, a link that is not http(s)", async () => {
    await expect(renderEmail({ ...contextFor("provider_review.approved"), recipient: "PATIENT" })).rejects.toThrow(/recipient must be PROVIDER/);
    await expect(renderEmail(contextFor("provider_review.suspended", { reason: "  " }))).rejects.toThrow(/providerReview.reason is required/);
    await expect(renderEmail(contextFor("provider_review.rejected", { reason: null }))).rejects.toThrow(/providerReview.reason is required/);
    await expect(renderEmail(contextFor("provider_review.document_rejected", { documentName: null }))).rejects.toThrow(/documentName is required/);
    await expect(renderEmail(contextFor("provider_review.approved", { actionUrl: "javascript:alert(1)" }))).rejects.toThrow(/actionUrl/);
    await expect(renderEmail({ ...contextFor("provider_review.approved"), providerReview: undefined })).rejects.toThrow(/ctx.providerReview is required/);
  });
});
