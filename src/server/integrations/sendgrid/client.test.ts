import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors/app-error";

import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import {
  createSendGridEmulator,
  type SendGridEmulator,
  type SendGridEmulatorOptions,
} from "../../../../local-cloud/sendgrid";
import { createEmailClient, type EmailClient } from "./client";

let sendgrid: RunningEmulator<SendGridEmulator>;
let email: EmailClient;

async function start(options: SendGridEmulatorOptions = {}) {
  sendgrid = await serve(createSendGridEmulator({ autoFlushMs: false, ...options }));
  email = createEmailClient({
    apiKey: "SG.test",
    apiUrl: sendgrid.url,
    fromEmail: "bookings@medbookings.local",
    fromName: "MedBookings",
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeEach(() => start());
afterEach(() => sendgrid.close());

describe("sendEmail", () => {
  it("sends a plain email and returns SendGrid's message id", async () => {
    const { messageId } = await email.sendEmail({
      to: { email: "patient@example.com", name: "Ana" },
      subject: "Your booking",
      html: "<p>Monday 10:00</p>",
      text: "Monday 10:00",
      tracking: { category: "booking-confirmation", reference: "job_42" },
    });

    const [message] = sendgrid.emulator.snapshot().messages;
    expect(message?.messageId).toBe(messageId);
    expect(message).toMatchObject({
      from: { email: "bookings@medbookings.local", name: "MedBookings" },
      categories: ["booking-confirmation"],
      customArgs: { reference: "job_42" },
      personalizations: [{ to: [{ email: "patient@example.com", name: "Ana" }], subject: "Your booking" }],
    });
  });

  it("sends a dynamic template with its data", async () => {
    sendgrid.emulator.registerTemplate("d-reminder", { subject: "Reminder: {{when}}", html: "<p>{{when}}</p>" });

    await email.sendEmail({ to: "patient@example.com", templateId: "d-reminder", data: { when: "tomorrow" } });

    expect(sendgrid.emulator.snapshot().messages[0]?.personalizations[0]?.subject).toBe("Reminder: tomorrow");
  });

  it("refuses tracking values that could carry patient data, before calling SendGrid", async () => {
    const error = await failure(
      email.sendEmail({
        to: "patient@example.com",
        subject: "s",
        html: "h",
        text: "t",
        tracking: { reference: "ana@example.com" },
      }),
    );

    expect(error.code).toBe("VALIDATION");
    expect(sendgrid.emulator.snapshot().messages).toHaveLength(0);
  });

  it("maps a 400 to a non-retryable VALIDATION error with SendGrid's fields", async () => {
    const error = await failure(email.sendEmail({ to: "not-an-address", subject: "s", html: "h", text: "t" }));

    expect(error.code).toBe("VALIDATION");
    expect(error.details).toMatchObject({
      retryable: false,
      status: 400,
      vendorErrors: [{ field: "personalizations.0.to.0.email" }],
    });
  });

  it("maps a 429 to a retryable RATE_LIMITED error", async () => {
    await sendgrid.close();
    await start({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await email.sendEmail({ to: "patient@example.com", subject: "s", html: "h", text: "t" });

    const error = await failure(email.sendEmail({ to: "patient@example.com", subject: "s", html: "h", text: "t" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details).toMatchObject({ retryable: true, retryAt: expect.any(String) });
  });

  it("maps rejected credentials to a non-retryable INTEGRATION_UNAVAILABLE", async () => {
    await sendgrid.close();
    await start({ apiKeys: ["SG.other"] });

    const error = await failure(email.sendEmail({ to: "patient@example.com", subject: "s", html: "h", text: "t" }));
    expect(error.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(error.isRetryable).toBe(false);
  });

  it("maps an unreachable API to a retryable INTEGRATION_UNAVAILABLE without leaking the request", async () => {
    const stopped = await serve(createSendGridEmulator());
    await stopped.close();
    const offline = createEmailClient({ apiKey: "SG.test", apiUrl: stopped.url, fromEmail: "bookings@medbookings.local" });

    const error = await failure(offline.sendEmail({ to: "patient@example.com", subject: "s", html: "h", text: "t" }));
    expect(error.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(error.isRetryable).toBe(true);
    expect(JSON.stringify({ ...error, cause: error.cause })).not.toMatch(/SG\.test|patient@example\.com/);
  });
});
