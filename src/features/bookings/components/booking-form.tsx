"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { SlotDescription } from "@/features/availability";
import { formatMoney } from "@/lib/money";
import { countryForTimeZone, phoneFormatHint } from "@/lib/phone";
import { formatDate, zoneLabel } from "@/lib/time";
import { useConfirmBooking } from "../hooks/use-confirm-booking";
import { retryAfterSecondsOf, useRequestContactCode, useVerifyContactCode } from "../hooks/use-contact-verification";
import { readAppError, type AppErrorInfo } from "../hooks/read-app-error";
import { confirmBookingInput, contactCodeSchema, NOTES_MAX_LENGTH, requestContactCodeInput } from "../schemas";
import type { ContactChannel, ContactVerificationDto, HoldDto } from "../types";
import { ContactVerification } from "./contact-verification";
import { CharacterCount, ErrorSummary, Field, textareaClassName, type ErrorSummaryItem } from "./field";
import { HoldCountdown } from "./hold-countdown";

/** Who is booking, when signed in: their account details are used for the booking. */
export interface Viewer {
  name: string | null;
  email: string | null;
}

export interface BookingFormProps {
  hold: HoldDto;
  slotStartsAt: Date;
  description: SlotDescription;
  service: { name: string; durationMinutes: number; priceMinor: number; currency: string; requiresApproval: boolean };
  providerName: string;
  viewer: Viewer | null;
  timeZone: string;
  onChooseAnotherTime: () => void;
  /** The reservation ran out and someone else took the time: back to the picker with alternatives. */
  onSlotTaken: (error: AppErrorInfo) => void;
}

type FieldName = "contact.name" | "contact.email" | "contact.phone" | "notes" | "consent" | "code";
const FIELD_NAMES: readonly FieldName[] = ["contact.name", "contact.email", "contact.phone", "notes", "consent", "code"];

/** A code sent, with the email or phone as typed when it was sent: editing that field voids it. */
interface SentCode {
  dto: ContactVerificationDto;
  email: string;
  phone: string;
}

function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) (errors[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return errors;
}

export function BookingForm({
  hold,
  slotStartsAt,
  description,
  service,
  providerName,
  viewer,
  timeZone,
  onChooseAnotherTime,
  onSlotTaken,
}: BookingFormProps) {
  const router = useRouter();
  const confirm = useConfirmBooking();
  const requestCode = useRequestContactCode();
  const verifyCode = useVerifyContactCode();
  const baseId = useId();
  const fieldId = (name: FieldName) => `${baseId}-${name.replace(".", "-")}`;
  const verificationId = `${baseId}-verification`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const codeInputRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState({ name: viewer?.name ?? "", email: viewer?.email ?? "", phone: "", notes: "" });
  const [consent, setConsent] = useState(false);
  const [whatsappOptIn, setWhatsappOptIn] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isHoldLost, setIsHoldLost] = useState(false);
  const [holdExpiresAt, setHoldExpiresAt] = useState<Date>(hold.expiresAt);
  // Bumped after each failed submit so the summary takes focus and is read first.
  const [summaryFocusRequest, setSummaryFocusRequest] = useState(0);
  const [codeFocusRequest, setCodeFocusRequest] = useState(0);
  const isGuest = viewer === null;
  // Guests always prove their contact; a signed-in patient only when the server says the account's
  // email is not verified (the session does not carry that).
  const [isCodeRequired, setIsCodeRequired] = useState(isGuest);
  const [sent, setSent] = useState<SentCode | null>(null);
  const [code, setCode] = useState("");
  const [sendNotice, setSendNotice] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  // A signed-in patient may add a phone number only when the account has a name and email to go with it.
  const canAddPhone = !isGuest && Boolean(viewer.name && viewer.name.length >= 2 && viewer.email);
  // A number written without a country code is read as one of the practice's country.
  const phoneCountry = countryForTimeZone(description.eventTimeZone);

  // A code proves the address it was sent to: once that field is edited, it no longer counts here.
  const isSentStale =
    sent !== null &&
    (sent.dto.channel === "EMAIL" ? values.email.trim().toLowerCase() !== sent.email : values.phone.trim() !== sent.phone);
  const current = sent && !isSentStale ? sent.dto : null;
  const isVerified = current?.isVerified === true;
  const staleNote = isSentStale
    ? `You changed your ${sent.dto.channel === "EMAIL" ? "email address" : "phone number"}, so the code we sent no longer applies. Ask for a new code.`
    : null;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (summaryFocusRequest > 0) summaryRef.current?.focus();
  }, [summaryFocusRequest]);

  useEffect(() => {
    if (codeFocusRequest > 0) codeInputRef.current?.focus();
  }, [codeFocusRequest]);

  function clearFieldError(key: FieldName) {
    setFieldErrors((current) => {
      if (!current[key]) return current;
      const next = { ...current };
      delete next[key];
      return next;
    });
  }

  function update(name: keyof typeof values, key: FieldName) {
    return (value: string) => {
      setValues((current) => ({ ...current, [name]: value }));
      clearFieldError(key);
    };
  }

  /** The contact details to send: a guest's as typed; a signed-in patient's only to add a phone. */
  function contactToSend() {
    const phone = values.phone.trim();
    const region = phoneCountry ?? undefined;
    return isGuest
      ? { name: values.name, email: values.email.trim(), phone, phoneCountry: region }
      : canAddPhone && phone
        ? { name: viewer.name ?? "", email: viewer.email ?? "", phone, phoneCountry: region }
        : undefined;
  }

  function showErrors(errors: Record<string, string[]>, message: string | null) {
    setFieldErrors(errors);
    setFormError(message);
    // Only the code is wrong: back to the code, whose message is read with it.
    const onlyCode = Object.keys(errors).every((key) => key === "code") && errors.code && codeInputRef.current;
    if (onlyCode) setCodeFocusRequest((n) => n + 1);
    else setSummaryFocusRequest((n) => n + 1);
  }

  function showAppError(info: AppErrorInfo) {
    if (info.appCode === "SLOT_TAKEN") {
      onSlotTaken(info);
      return;
    }
    if (info.appCode === "NOT_FOUND") setIsHoldLost(true);
    if (info.fieldErrors.code) setIsCodeRequired(true);
    const hasFieldMessages = FIELD_NAMES.some((name) => info.fieldErrors[name]);
    showErrors(info.fieldErrors, hasFieldMessages ? null : info.message);
  }

  function sendCode(channel: ContactChannel) {
    setSendNotice(null);
    const parsed = requestContactCodeInput.safeParse({ holdId: hold.holdId, holdToken: hold.holdToken, channel, contact: contactToSend() });
    if (!parsed.success) {
      showErrors(issuesToFieldErrors(parsed.error.issues), null);
      return;
    }
    const sentFor = { email: values.email.trim().toLowerCase(), phone: values.phone.trim() };
    requestCode.mutate(parsed.data, {
      onSuccess: (dto) => {
        setSent({ dto, ...sentFor });
        setCode("");
        clearFieldError("code");
        setResendAt(dto.resendAfterSeconds > 0 ? Date.now() + dto.resendAfterSeconds * 1000 : null);
        if (dto.holdExpiresAt) setHoldExpiresAt(dto.holdExpiresAt);
        if (!dto.isVerified) setCodeFocusRequest((n) => n + 1);
      },
      onError: (error) => {
        const info = readAppError(error);
        const wait = retryAfterSecondsOf(error);
        if (info.appCode === "RATE_LIMITED") {
          if (wait) setResendAt(Date.now() + wait * 1000);
          setSendNotice(info.message);
          return;
        }
        if (info.appCode === "PRECONDITION_FAILED" && !info.fieldErrors.code) {
          // The account's email turned out to be verified after all: no code is needed.
          setIsCodeRequired(false);
          return;
        }
        if (info.appCode === "PRECONDITION_FAILED") {
          setSendNotice(info.message);
          return;
        }
        showAppError(info);
      },
    });
  }

  function submitBooking(input: Parameters<typeof confirm.mutate>[0]) {
    confirm.mutate(input, {
      onSuccess: (booking) => router.push(`/bookings/${booking.manageToken}?new=1`),
      onError: (error) => showAppError(readAppError(error)),
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = confirmBookingInput.safeParse({
      holdId: hold.holdId,
      holdToken: hold.holdToken,
      contact: contactToSend(),
      notes: values.notes,
      consent,
      patientTimeZone: timeZone,
      whatsappOptIn: whatsappOptIn && values.phone.trim() !== "",
    });
    const errors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
    const needsCode = isCodeRequired && !isVerified;
    const typedCode = contactCodeSchema.safeParse(code);
    if (needsCode && !current) {
      errors.code = [`Ask for a code first: choose “Email me a code”${isGuest || canAddPhone ? " or “Text me a code”" : ""}, then enter it here.`];
    } else if (needsCode && !typedCode.success) {
      errors.code = typedCode.error.issues.map((issue) => issue.message);
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      showErrors(errors, null);
      return;
    }
    setFieldErrors({});
    if (!needsCode || !typedCode.success) {
      submitBooking(parsed.data);
      return;
    }
    verifyCode.mutate(
      { holdId: hold.holdId, holdToken: hold.holdToken, code: typedCode.data },
      {
        onSuccess: (dto) => {
          setSent((previous) => (previous ? { ...previous, dto } : previous));
          submitBooking(parsed.data);
        },
        onError: (error) => showAppError(readAppError(error)),
      },
    );
  }

  const fieldIdOf = (key: string): string | undefined => {
    if (key === "code") return current ? `${verificationId}-code` : isCodeRequired ? verificationId : undefined;
    return (FIELD_NAMES as readonly string[]).includes(key) ? fieldId(key as FieldName) : undefined;
  };
  const summaryItems: ErrorSummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...Object.entries(fieldErrors).flatMap(([key, messages]) => messages.map((message) => ({ message, fieldId: fieldIdOf(key) }))),
  ];
  const isSubmitting = confirm.isPending || confirm.isSuccess || verifyCode.isPending;
  const consentErrorId = fieldErrors.consent ? `${fieldId("consent")}-error` : undefined;

  return (
    <section aria-labelledby={`${baseId}-heading`} className="space-y-5">
      <div className="space-y-2">
        <h3 id={`${baseId}-heading`} ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
          Complete your booking
        </h3>
        <div className="rounded-md border border-brand-600 bg-brand-50 p-3 text-sm" data-testid="chosen-slot">
          <p className="font-medium">
            {service.name} with {providerName}
          </p>
          <p>
            {formatDate(slotStartsAt, timeZone)}, {description.time}–{description.endTime} ({zoneLabel(slotStartsAt, timeZone)})
          </p>
          {description.eventTime ? (
            <p className="text-slate-700">
              {description.eventTime} local time in {description.eventTimeZone.replaceAll("_", " ")}
            </p>
          ) : null}
          <p>
            {description.place === "online" ? "Online" : description.place.replace(/^in person/, "In person")} ·{" "}
            {service.durationMinutes} min · {formatMoney(service.priceMinor, service.currency)}
          </p>
        </div>
        <HoldCountdown expiresAt={holdExpiresAt} />
        <Button variant="ghost" onClick={onChooseAnotherTime} className="px-0 text-brand-700 underline">
          Choose another time
        </Button>
      </div>

      <form noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby={`${baseId}-required`}>
        <p id={`${baseId}-required`} className="text-sm text-slate-600">
          All fields are required unless marked optional.
        </p>
        <ErrorSummary ref={summaryRef} items={summaryItems} />
        {isHoldLost ? (
          <Button variant="secondary" onClick={onChooseAnotherTime}>
            Choose a time again
          </Button>
        ) : null}

        {isGuest ? (
          <>
            <Field id={fieldId("contact.name")} label="Full name" errors={fieldErrors["contact.name"]}>
              {(control) => (
                <Input {...control} autoComplete="name" value={values.name} onChange={(e) => update("name", "contact.name")(e.target.value)} />
              )}
            </Field>
            <Field
              id={fieldId("contact.email")}
              label="Email"
              hint="For the provider to reach you about this booking. Sign in later with this address and the booking appears under My bookings."
              errors={fieldErrors["contact.email"]}
            >
              {(control) => (
                <Input
                  {...control}
                  type="email"
                  autoComplete="email"
                  value={values.email}
                  onChange={(e) => update("email", "contact.email")(e.target.value)}
                />
              )}
            </Field>
          </>
        ) : (
          <div className="rounded-md border border-slate-200 p-3 text-sm">
            <p>
              Booking as <strong>{viewer.name ?? viewer.email}</strong>
              {viewer.name && viewer.email ? ` (${viewer.email})` : ""}. We use your account&apos;s contact details.
            </p>
          </div>
        )}

        {isGuest || canAddPhone ? (
          <Field
            id={fieldId("contact.phone")}
            label="Mobile phone"
            isOptional={!isGuest}
            hint={`For example ${phoneFormatHint(phoneCountry)}. From another country, start with + and the country code.`}
            errors={fieldErrors["contact.phone"]}
          >
            {(control) => (
              <Input
                {...control}
                type="tel"
                autoComplete="tel"
                inputMode="tel"
                value={values.phone}
                onChange={(e) => update("phone", "contact.phone")(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        {isGuest || canAddPhone ? (
          <div className="flex items-start gap-2">
            <input
              id={`${baseId}-whatsapp-opt-in`}
              type="checkbox"
              className="mt-1 h-4 w-4"
              checked={whatsappOptIn}
              onChange={(event) => setWhatsappOptIn(event.target.checked)}
            />
            <label htmlFor={`${baseId}-whatsapp-opt-in`} className="text-sm">
              Also send my confirmation, reminders and changes on WhatsApp to this number (with the practice&apos;s contact card). Reply
              STOP at any time to stop.
            </label>
          </div>
        ) : null}

        <Field
          id={fieldId("notes")}
          label="Notes for the provider"
          isOptional
          hint="Anything that helps the provider prepare, such as the reason for your visit."
          errors={fieldErrors.notes}
        >
          {(control) => (
            <>
              <textarea
                {...control}
                aria-describedby={[control["aria-describedby"], `${fieldId("notes")}-count`].filter(Boolean).join(" ")}
                rows={3}
                className={textareaClassName}
                value={values.notes}
                onChange={(e) => update("notes", "notes")(e.target.value)}
              />
              <CharacterCount id={`${fieldId("notes")}-count`} length={values.notes.trim().length} max={NOTES_MAX_LENGTH} />
            </>
          )}
        </Field>

        <div className="space-y-1">
          <div className="flex items-start gap-2">
            <input
              id={fieldId("consent")}
              type="checkbox"
              className="mt-1 h-4 w-4"
              checked={consent}
              aria-invalid={fieldErrors.consent ? true : undefined}
              aria-describedby={consentErrorId}
              onChange={(event) => {
                setConsent(event.target.checked);
                if (event.target.checked) setFieldErrors(({ consent: _consent, ...rest }) => rest);
              }}
            />
            <label htmlFor={fieldId("consent")} className="text-sm">
              I agree to the terms of use, and I consent to MedBookings and {providerName} processing my personal and health
              information (including my notes and this appointment) to arrange and provide my care.
            </label>
          </div>
          {consentErrorId ? (
            <p id={consentErrorId} className="text-sm text-red-700">
              {fieldErrors.consent?.join(" ")}
            </p>
          ) : null}
        </div>

        {isCodeRequired ? (
          <ContactVerification
            id={verificationId}
            verification={current}
            staleNote={staleNote}
            canText={isGuest || (canAddPhone && values.phone.trim() !== "")}
            code={code}
            onCodeChange={(value) => {
              setCode(value);
              clearFieldError("code");
            }}
            codeErrors={fieldErrors.code}
            codeInputRef={codeInputRef}
            notice={sendNotice}
            isSending={requestCode.isPending}
            resendAt={resendAt}
            onSend={sendCode}
          />
        ) : null}

        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Booking…" : service.requiresApproval ? "Send booking request" : "Confirm booking"}
        </Button>
        {service.requiresApproval ? (
          <p className="text-sm text-slate-600">This provider confirms each request; your booking page shows their answer.</p>
        ) : null}
      </form>
    </section>
  );
}
