import { describe, expect, it } from "vitest";
import { MAX_TEMPLATE_VARIABLE_LENGTH, renderWhatsAppTemplate } from "./render-whatsapp-template";
import { APP_URL, buildBooking, buildContext, MANAGE_URL, MEET_URL, PATIENT, PROVIDER_URL, REASON } from "./test-fixtures";
import { MESSAGE_PURPOSES, type MessageBooking, type MessageContext, type MessagePurpose } from "./types";

const WHEN = "Tuesday 3 March 2026, 09:30–10:00 (Europe/London, GMT)";
const BOOK_AGAIN = `${APP_URL}/providers/amelia-hart`;

function contextFor(purpose: MessagePurpose, booking: Partial<MessageBooking> = {}, overrides: Partial<MessageContext> = {}): MessageContext {
  if (purpose === "verification.code" || purpose === "provider.calendar_reconnect" || purpose.startsWith("organization.") || purpose.startsWith("provider_review.")) return buildContext({ purpose, ...overrides });
  return buildContext({
    purpose,
    booking: buildBooking({
      previous: { startsAt: new Date("2026-03-02T14:00:00Z"), endsAt: new Date("2026-03-02T14:30:00Z") },
      cancelledBy: "PATIENT",
      cancellationReason: REASON,
      mode: "ONLINE",
      meetUrl: MEET_URL,
      ...booking,
    }),
    ...overrides,
  });
}

describe("renderWhatsAppTemplate", () => {
  it("fills each registered template's numbered variables", () => {
    const rendered = Object.fromEntries(MESSAGE_PURPOSES.map((purpose) => [purpose, renderWhatsAppTemplate(contextFor(purpose))]));
    const patient = (templateKey: string, link: string) => ({ templateKey, variables: { "1": "Dr. Amelia Hart", "2": WHEN, "3": link } });
    const notice = (what: string) => ({ templateKey: "provider_notice", variables: { "1": what, "2": WHEN, "3": PROVIDER_URL } });
    expect(rendered).toEqual({
      "booking.requested": patient("booking_requested", MANAGE_URL),
      "booking.confirmed": patient("booking_confirmed", MANAGE_URL),
      "booking.declined": patient("booking_declined", BOOK_AGAIN),
      "booking.rescheduled": patient("booking_rescheduled", MANAGE_URL),
      "booking.cancelled": patient("booking_cancelled", BOOK_AGAIN),
      "booking.reminder": patient("booking_reminder", MANAGE_URL),
      "provider.booking_requested": notice("New booking request"),
      "provider.booking_confirmed": notice("New booking"),
      "provider.booking_cancelled": notice("Cancelled booking"),
      "provider.booking_rescheduled": notice("Rescheduled booking"),
      "provider.meet_failed": null,
      "provider.calendar_reconnect": null,
      "organization.invitation": null,
      "organization.provider_invitation": null,
      "provider_review.document_rejected": null,
      "provider_review.approved": null,
      "provider_review.rejected": null,
      "provider_review.suspended": null,
      "provider_review.reinstated": null,
      "verification.code": null,
      "reply.attendance_confirmed": null,
      "reply.manage_link": null,
      "reply.help": null,
    });
  });

  it("gives the new time for a reschedule", () => {
    const template = renderWhatsAppTemplate(
      contextFor("booking.rescheduled", { startsAt: new Date("2026-03-05T11:00:00Z"), endsAt: new Date("2026-03-05T11:30:00Z") }),
    );
    expect(template?.variables["2"]).toBe("Thursday 5 March 2026, 11:00–11:30 (Europe/London, GMT)");
  });

  it("writes times in the recipient's zone, named", () => {
    expect(renderWhatsAppTemplate(contextFor("booking.confirmed", {}, { timeZone: "Australia/Adelaide" }))?.variables["2"]).toBe(
      "Tuesday 3 March 2026, 20:00–20:30 (Australia/Adelaide, GMT+10:30)",
    );
    expect(renderWhatsAppTemplate(contextFor("provider.booking_requested", {}, { timeZone: "Asia/Kolkata" }))?.variables["2"]).toBe(
      "Tuesday 3 March 2026, 15:00–15:30 (Asia/Kolkata, GMT+5:30)",
    );
  });

  it.each(MESSAGE_PURPOSES)("%s: variables are strings keyed 1..n, within Twilio's limit, with no patient data", (purpose) => {
    const template = renderWhatsAppTemplate(contextFor(purpose, { mode: "IN_PERSON", meetUrl: null }));
    if (template === null) return;
    const keys = Object.keys(template.variables);
    expect(keys).toEqual(keys.map((_, index) => String(index + 1)));
    for (const value of Object.values(template.variables)) {
      expect(typeof value).toBe("string");
      expect(value.length).toBeGreaterThan(0);
      expect(value.length).toBeLessThanOrEqual(MAX_TEMPLATE_VARIABLE_LENGTH);
      expect(value).not.toMatch(/[\n\t]| {5}/);
      for (const secret of [PATIENT.name, "Zelda", PATIENT.email, PATIENT.phone, REASON, "Dermatology", "Pancras"]) expect(value).not.toContain(secret);
    }
  });

  it("puts a provider name with line breaks on one line (WhatsApp refuses newlines in variables)", () => {
    const template = renderWhatsAppTemplate(contextFor("booking.confirmed", { provider: { ...buildBooking().provider, displayName: "Dr.\n\n  Amelia\tHart" } }));
    expect(template?.variables["1"]).toBe("Dr. Amelia Hart");
  });

  it("refuses a variable over 1,600 characters, naming it", () => {
    const displayName = `Dr. ${"A".repeat(MAX_TEMPLATE_VARIABLE_LENGTH)}`;
    expect(() => renderWhatsAppTemplate(contextFor("booking.confirmed", { provider: { ...buildBooking().provider, displayName } }))).toThrow(
      "Message booking.confirmed: WhatsApp template variable 1 is over 1600 characters.",
    );
  });

  it("falls back to the English wording for other languages", () => {
    expect(renderWhatsAppTemplate(contextFor("booking.reminder", {}, { language: "de" }))).toEqual(renderWhatsAppTemplate(contextFor("booking.reminder")));
  });

  it("needs the links the template points at", () => {
    expect(() => renderWhatsAppTemplate(contextFor("booking.reminder", {}, { manageUrl: null }))).toThrow("Message booking.reminder: ctx.manageUrl is required.");
    expect(() => renderWhatsAppTemplate(contextFor("provider.booking_confirmed", {}, { providerUrl: null }))).toThrow(
      "Message provider.booking_confirmed: ctx.providerUrl is required.",
    );
  });
});
