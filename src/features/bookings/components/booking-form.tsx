"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { SlotDescription } from "@/features/availability";
import { formatMoney } from "@/lib/money";
import { countryForTimeZone } from "@/lib/phone";
import { formatDate, zoneLabel } from "@/lib/time";
import { useConfirmBooking } from "../hooks/use-confirm-booking";
import { retryAfterSecondsOf, useRequestContactCode, useVerifyContactCode } from "../hooks/use-contact-verification";
import { readAppError, type AppErrorInfo } from "../hooks/read-app-error";
import { confirmBookingInput, contactCodeSchema, requestContactCodeInput } from "../schemas";
import type { ContactChannel, ContactVerificationDto, HoldDto } from "../types";
import { ContactVerification } from "./contact-verification";
import { CheckboxField, HeldSlotForm, issuesToFieldErrors, NotesField, PhoneField, TextField } from "./patient-fields";

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
  const isSubmitting = confirm.isPending || confirm.isSuccess || verifyCode.isPending;

  return (
    <HeldSlotForm
      id={baseId}
      heading="Complete your booking"
      headingLevel={3}
      headingRef={headingRef}
      chosenSlot={
        <>
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
        </>
      }
      holdExpiresAt={holdExpiresAt}
      isHoldLost={isHoldLost}
      onChooseAnotherTime={onChooseAnotherTime}
      summaryRef={summaryRef}
      formError={formError}
      fieldErrors={fieldErrors}
      fieldIdOf={fieldIdOf}
      onSubmit={onSubmit}
    >
      {isGuest ? (
        <>
          <TextField
            id={fieldId("contact.name")}
            label="Full name"
            autoComplete="name"
            value={values.name}
            errors={fieldErrors["contact.name"]}
            onChange={update("name", "contact.name")}
          />
          <TextField
            id={fieldId("contact.email")}
            label="Email"
            hint="For the provider to reach you about this booking. Sign in later with this address and the booking appears under My bookings."
            type="email"
            autoComplete="email"
            value={values.email}
            errors={fieldErrors["contact.email"]}
            onChange={update("email", "contact.email")}
          />
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
        <>
          <PhoneField
            id={fieldId("contact.phone")}
            label="Mobile phone"
            isOptional={!isGuest}
            autoComplete="tel"
            phoneCountry={phoneCountry}
            value={values.phone}
            errors={fieldErrors["contact.phone"]}
            onChange={update("phone", "contact.phone")}
          />
          <CheckboxField id={`${baseId}-whatsapp-opt-in`} checked={whatsappOptIn} onChange={setWhatsappOptIn}>
            Also send my confirmation, reminders and changes on WhatsApp to this number (with the practice&apos;s contact card). Reply
            STOP at any time to stop.
          </CheckboxField>
        </>
      ) : null}

      <NotesField
        id={fieldId("notes")}
        hint="Anything that helps the provider prepare, such as the reason for your visit."
        value={values.notes}
        errors={fieldErrors.notes}
        onChange={update("notes", "notes")}
      />

      <CheckboxField
        id={fieldId("consent")}
        checked={consent}
        errors={fieldErrors.consent}
        hint={
          // A new tab keeps this form and its reserved time.
          <>
            Read the{" "}
            <Link href="/terms" target="_blank" className="text-brand-700 underline">
              terms of use
            </Link>{" "}
            and the{" "}
            <Link href="/privacy" target="_blank" className="text-brand-700 underline">
              privacy notice
            </Link>{" "}
            (each opens in a new tab).
          </>
        }
        onChange={(checked) => {
          setConsent(checked);
          if (checked) clearFieldError("consent");
        }}
      >
        I agree to the terms of use, and I consent to MedBookings and {providerName} processing my personal and health information
        (including my notes and this appointment) to arrange and provide my care.
      </CheckboxField>

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
    </HeldSlotForm>
  );
}
