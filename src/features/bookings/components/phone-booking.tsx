"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { SlotPicker, useRefreshSlots, type PickedSlot, type SlotDescription, type SlotSuggestions } from "@/features/availability";
import { formatMoney } from "@/lib/money";
import { countryForTimeZone, isPhoneCountry } from "@/lib/phone";
import { formatDate, formatTime, zoneLabel } from "@/lib/time";
import {
  useConfirmPhoneBooking,
  useHoldPhoneSlot,
  usePhoneBookingOptions,
  useReleasePhoneHold,
  useRequestPhoneContactCode,
} from "../hooks/use-phone-booking";
import { readAppError, type AppErrorInfo } from "../hooks/read-app-error";
import { confirmPhoneBookingInput, requestPhoneContactCodeInput } from "../phone-booking-schemas";
import type { PhoneBookingDto, PhoneBookingOptionsDto } from "../phone-booking-types";
import { CONTACT_CODE_LENGTH, CONTACT_CODE_LIFETIME_MINUTES } from "../schemas";
import type { ContactChannel, ContactVerificationDto, HoldDto } from "../types";
import { CheckboxField, HeldSlotForm, issuesToFieldErrors, NotesField, PhoneField, TextField } from "./patient-fields";

type Provider = PhoneBookingOptionsDto["providers"][number];
type Service = Provider["services"][number];
type Location = PhoneBookingOptionsDto["locations"][number];

interface Held {
  slot: PickedSlot;
  description: SlotDescription;
  hold: HoldDto;
}

const NOT_APPROVED: Record<string, string> = {
  PENDING: "This organization is awaiting review by the MedBookings platform team. You can book for patients once it is approved.",
  REJECTED: "This organization was not approved, so it cannot book for patients. Please contact support if you think this is a mistake.",
  SUSPENDED: "This organization is suspended, so it cannot book for patients. Please contact support.",
};

/** The zone an appointment happens in: its location's in person, the provider's online. */
function eventZone(slot: { mode: string; locationId: string | null }, provider: Provider, locations: readonly Location[]): string {
  const location = slot.locationId ? locations.find((l) => l.id === slot.locationId) : undefined;
  return location?.timeZone ?? provider.timeZone;
}

/**
 * /organizations/[id]/book: a staff member books for a patient on the phone. Choose a provider
 * and service, a time at one of the organization's locations or online (held as online), then
 * the patient's details, proven by a code the patient reads back or vouched for by the staff
 * member. The hold token stays in this component's memory, never in a URL.
 */
export function PhoneBooking({ organizationId }: { organizationId: string }) {
  const options = usePhoneBookingOptions(organizationId);
  const hold = useHoldPhoneSlot();
  const release = useReleasePhoneHold();
  const refreshSlots = useRefreshSlots();
  const baseId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [providerId, setProviderId] = useState<string>("");
  const [serviceId, setServiceId] = useState<string>("");
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [choice, setChoice] = useState<PickedSlot | null>(null);
  const [held, setHeld] = useState<Held | null>(null);
  const [suggestions, setSuggestions] = useState<SlotSuggestions | null>(null);
  const [booked, setBooked] = useState<PhoneBookingDto | null>(null);
  const [formKey, setFormKey] = useState(0);

  if (options.isPending) return <p role="status">Loading the providers you can book…</p>;
  if (options.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load the providers you can book: {options.error.message} Reload the page to try again.
      </p>
    );
  }
  const data = options.data;
  const provider = data.providers.find((p) => p.id === providerId) ?? data.providers[0] ?? null;
  const service = provider?.services.find((s) => s.id === serviceId) ?? provider?.services[0] ?? null;
  const organizationZones = data.locations.map((l) => l.timeZone);
  const shownZone = timeZone ?? organizationZones[0] ?? provider?.timeZone ?? "UTC";
  const ownLocationIds = new Set(data.locations.map((l) => l.id));

  function releaseHeld() {
    if (held) release.mutate({ holdId: held.hold.holdId, holdToken: held.hold.holdToken });
    setHeld(null);
    setChoice(null);
  }

  function showRefusal(info: AppErrorInfo) {
    setSuggestions({ message: info.message, slots: info.alternatives });
    if (info.appCode === "SLOT_TAKEN") void refreshSlots();
  }

  function select(slot: PickedSlot, description: SlotDescription) {
    if (!provider || !service) return;
    setChoice(slot);
    setSuggestions(null);
    hold.mutate(
      { organizationId, providerId: provider.id, serviceId: service.id, startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId },
      {
        onSuccess: (dto) => setHeld({ slot, description, hold: dto }),
        onError: (error) => {
          setChoice(null);
          showRefusal(readAppError(error));
        },
      },
    );
  }

  function startOver() {
    setBooked(null);
    setHeld(null);
    setChoice(null);
    setSuggestions(null);
    setFormKey((n) => n + 1);
    headingRef.current?.focus();
  }

  const notApproved = data.organization.status === "APPROVED" ? null : (NOT_APPROVED[data.organization.status] ?? null);

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold">
          Book for a patient on the phone
        </h1>
        <p className="text-slate-700">
          Book a time with one of {data.organization.name}&apos;s providers, at one of its locations or online. The same booking rules as
          online apply, and the patient gets the same confirmation and reminders.
        </p>
      </header>

      {notApproved ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {notApproved}
        </p>
      ) : data.providers.length === 0 ? (
        <p role="status" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          There is no provider to book yet: a provider can be booked here once they have joined this organization&apos;s network and their
          profile is approved. An owner or admin can invite providers under Providers.
        </p>
      ) : booked ? (
        <BookingDone booking={booked} onAnother={startOver} />
      ) : (
        <>
          <section aria-labelledby={`${baseId}-choose`} className="space-y-4" hidden={held !== null}>
            <h2 id={`${baseId}-choose`} className="text-xl font-semibold">
              Provider and service
            </h2>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="space-y-1">
                <label htmlFor={`${baseId}-provider`} className="block text-sm font-medium">
                  Provider
                </label>
                <Select
                  id={`${baseId}-provider`}
                  value={provider?.id ?? ""}
                  onChange={(event) => {
                    setProviderId(event.target.value);
                    setServiceId("");
                    setSuggestions(null);
                  }}
                >
                  {data.providers.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.displayName}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="space-y-1">
                <label htmlFor={`${baseId}-service`} className="block text-sm font-medium">
                  Service
                </label>
                <Select
                  id={`${baseId}-service`}
                  value={service?.id ?? ""}
                  onChange={(event) => {
                    setServiceId(event.target.value);
                    setSuggestions(null);
                  }}
                >
                  {(provider?.services ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} · {s.durationMinutes} min · {formatMoney(s.priceMinor, s.currency)}
                      {s.isInPerson && s.isOnline ? " · in person or online" : s.isOnline ? " · online" : " · in person"}
                    </option>
                  ))}
                </Select>
              </div>
            </div>
            {hold.isPending && choice ? (
              <p role="status" className="text-sm">
                Reserving the time…
              </p>
            ) : null}
            {provider && service ? (
              <SlotPicker
                key={`${provider.id}-${service.id}`}
                providerId={provider.id}
                serviceId={service.id}
                modes={{ isOnline: service.isOnline, isInPerson: service.isInPerson }}
                bookingHorizonDays={service.bookingHorizonDays}
                timeZone={shownZone}
                detectedTimeZone={null}
                onTimeZoneChange={setTimeZone}
                selected={choice}
                isBusy={hold.isPending}
                onSelect={select}
                suggestions={suggestions}
                heading="Day and time"
                isSlotShown={(slot) => slot.mode === "ONLINE" || (slot.locationId !== null && ownLocationIds.has(slot.locationId))}
              />
            ) : null}
          </section>

          {held && provider && service ? (
            <PatientForm
              key={`${held.hold.holdId}-${formKey}`}
              organizationId={organizationId}
              held={held}
              provider={provider}
              service={service}
              locations={data.locations}
              timeZone={shownZone}
              onChooseAnotherTime={releaseHeld}
              onSlotTaken={(info) => {
                setHeld(null);
                setChoice(null);
                showRefusal(info);
              }}
              onBooked={setBooked}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

type FieldName = "contact.name" | "contact.email" | "contact.phone" | "notes" | "consent" | "code" | "contactTakenByStaff";
const FIELD_NAMES: readonly FieldName[] = ["contact.name", "contact.email", "contact.phone", "notes", "consent", "code", "contactTakenByStaff"];

interface PatientFormProps {
  organizationId: string;
  held: Held;
  provider: Provider;
  service: Service;
  locations: readonly Location[];
  timeZone: string;
  onChooseAnotherTime: () => void;
  onSlotTaken: (info: AppErrorInfo) => void;
  onBooked: (booking: PhoneBookingDto) => void;
}

/** The patient's details and how they are proven; a code sent goes to the details as they were then. */
function PatientForm({ organizationId, held, provider, service, locations, timeZone, onChooseAnotherTime, onSlotTaken, onBooked }: PatientFormProps) {
  const confirm = useConfirmPhoneBooking();
  const requestCode = useRequestPhoneContactCode();
  const baseId = useId();
  const fieldId = (name: FieldName) => `${baseId}-${name.replace(".", "-")}`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState({ name: "", email: "", phone: "", notes: "", code: "" });
  const [consent, setConsent] = useState(false);
  const [whatsappOptIn, setWhatsappOptIn] = useState(false);
  const [takenByStaff, setTakenByStaff] = useState(false);
  const [sent, setSent] = useState<{ dto: ContactVerificationDto; email: string; phone: string } | null>(null);
  const [sendNotice, setSendNotice] = useState<string | null>(null);
  const [holdExpiresAt, setHoldExpiresAt] = useState(held.hold.expiresAt);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isHoldLost, setIsHoldLost] = useState(false);
  const [summaryFocusRequest, setSummaryFocusRequest] = useState(0);
  const zone = eventZone(held.slot, provider, locations);
  const location = held.slot.locationId ? locations.find((l) => l.id === held.slot.locationId) : undefined;
  const locationCountry = location?.countryCode && isPhoneCountry(location.countryCode) ? location.countryCode : null;
  const phoneCountry = locationCountry ?? countryForTimeZone(zone);
  const isSentStale =
    sent !== null && (sent.dto.channel === "EMAIL" ? values.email.trim().toLowerCase() !== sent.email : values.phone.trim() !== sent.phone);
  const current = sent && !isSentStale ? sent.dto : null;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  useEffect(() => {
    if (summaryFocusRequest > 0) summaryRef.current?.focus();
  }, [summaryFocusRequest]);

  function update(name: keyof typeof values, key: FieldName) {
    return (value: string) => {
      setValues((v) => ({ ...v, [name]: value }));
      setFieldErrors((errors) => {
        if (!errors[key]) return errors;
        const { [key]: _cleared, ...rest } = errors;
        return rest;
      });
    };
  }

  const contact = () => ({ name: values.name, email: values.email.trim(), phone: values.phone.trim(), phoneCountry: phoneCountry ?? undefined });

  function showErrors(errors: Record<string, string[]>, message: string | null) {
    setFieldErrors(errors);
    setFormError(message);
    setSummaryFocusRequest((n) => n + 1);
  }

  function showAppError(info: AppErrorInfo) {
    if (info.appCode === "SLOT_TAKEN") {
      onSlotTaken(info);
      return;
    }
    if (info.appCode === "NOT_FOUND") setIsHoldLost(true);
    const hasFieldMessages = FIELD_NAMES.some((name) => info.fieldErrors[name]);
    showErrors(info.fieldErrors, hasFieldMessages ? null : info.message);
  }

  function sendCode(channel: ContactChannel) {
    setSendNotice(null);
    const parsed = requestPhoneContactCodeInput.safeParse({ holdId: held.hold.holdId, holdToken: held.hold.holdToken, channel, contact: contact() });
    if (!parsed.success) {
      showErrors(issuesToFieldErrors(parsed.error.issues), null);
      return;
    }
    if (channel === "SMS" && !parsed.data.contact.phone) {
      showErrors({ "contact.phone": ["Enter the patient's mobile number to send the code by text message."] }, null);
      return;
    }
    const sentFor = { email: values.email.trim().toLowerCase(), phone: values.phone.trim() };
    requestCode.mutate(
      { organizationId, holdId: held.hold.holdId, holdToken: held.hold.holdToken, channel, contact: contact() },
      {
        onSuccess: (dto) => {
          setSent({ dto, ...sentFor });
          setValues((v) => ({ ...v, code: "" }));
          if (dto.holdExpiresAt) setHoldExpiresAt(dto.holdExpiresAt);
        },
        onError: (error) => {
          const info = readAppError(error);
          // Too soon, or the hold's last code: said next to the send buttons, not as a form error.
          if (info.appCode === "RATE_LIMITED" || info.appCode === "PRECONDITION_FAILED") {
            setSendNotice(info.message);
            return;
          }
          showAppError(info);
        },
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const input = {
      holdId: held.hold.holdId,
      holdToken: held.hold.holdToken,
      contact: contact(),
      notes: values.notes,
      consent,
      patientTimeZone: timeZone,
      whatsappOptIn: whatsappOptIn && values.phone.trim() !== "",
      ...(takenByStaff ? { contactTakenByStaff: true } : values.code.trim() ? { code: values.code } : {}),
    };
    const parsed = confirmPhoneBookingInput.safeParse(input);
    if (!parsed.success) {
      const errors = issuesToFieldErrors(parsed.error.issues);
      if (errors.code && !takenByStaff && !current) {
        errors.code = ["Send the patient a code and enter the code they read out, or tick “I took these details from the patient myself”."];
      }
      showErrors(errors, null);
      return;
    }
    setFieldErrors({});
    confirm.mutate(
      { organizationId, ...input, consent: true },
      {
        onSuccess: onBooked,
        onError: (error) => showAppError(readAppError(error)),
      },
    );
  }

  const codeFieldId = `${baseId}-code`;
  const fieldIdOf = (key: string): string | undefined =>
    key === "code" ? (current ? codeFieldId : `${baseId}-proof`) : (FIELD_NAMES as readonly string[]).includes(key) ? fieldId(key as FieldName) : undefined;
  const proofErrorId = fieldErrors.code && !current ? `${baseId}-proof-error` : undefined;
  const hasPhone = values.phone.trim() !== "";
  const isSubmitting = confirm.isPending || confirm.isSuccess;
  const startsAt = held.slot.startsAt;

  return (
    <HeldSlotForm
      id={baseId}
      heading="The patient's details"
      headingLevel={2}
      headingRef={headingRef}
      chosenSlot={
        <>
          <p className="font-medium">
            {service.name} with {provider.displayName}
          </p>
          <p>
            {formatDate(startsAt, zone)}, {formatTime(startsAt, zone)}–{formatTime(held.slot.endsAt, zone)} ({zoneLabel(startsAt, zone)})
          </p>
          <p>{location ? `In person at ${location.name}, ${location.formattedAddress}` : "Online"}</p>
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
      <TextField
        id={fieldId("contact.name")}
        label="Patient's full name"
        autoComplete="off"
        value={values.name}
        errors={fieldErrors["contact.name"]}
        onChange={update("name", "contact.name")}
      />
      <TextField
        id={fieldId("contact.email")}
        label="Patient's email"
        hint="The confirmation, reminders and the link to change or cancel go here. Read it back to the patient letter by letter."
        type="email"
        autoComplete="off"
        value={values.email}
        errors={fieldErrors["contact.email"]}
        onChange={update("email", "contact.email")}
      />
      <PhoneField
        id={fieldId("contact.phone")}
        label="Patient's mobile phone"
        isOptional
        autoComplete="off"
        phoneCountry={phoneCountry}
        value={values.phone}
        errors={fieldErrors["contact.phone"]}
        onChange={update("phone", "contact.phone")}
      />
      <CheckboxField
        id={`${baseId}-whatsapp`}
        checked={whatsappOptIn && hasPhone}
        disabled={!hasPhone}
        hint={`Ask them; tick only if they say yes. They can reply STOP at any time.${hasPhone ? "" : " Enter a mobile number first."}`}
        onChange={setWhatsappOptIn}
      >
        The patient asks for their confirmation, reminders and changes on WhatsApp at this number too
      </CheckboxField>

      <NotesField
        id={fieldId("notes")}
        hint="What the patient tells you that helps the provider prepare."
        value={values.notes}
        errors={fieldErrors.notes}
        onChange={update("notes", "notes")}
      />

      <CheckboxField
        id={fieldId("consent")}
        checked={consent}
        errors={fieldErrors.consent}
        onChange={(checked) => {
          setConsent(checked);
          if (checked) setFieldErrors(({ consent: _consent, ...rest }) => rest);
        }}
      >
        I asked the patient, and they agree to the terms of use and to MedBookings and {provider.displayName} processing their personal
        and health information (including the notes and this appointment) to arrange and provide their care.
      </CheckboxField>

      <fieldset id={`${baseId}-proof`} tabIndex={-1} className="space-y-3 rounded-md border border-slate-200 p-3" aria-describedby={[`${baseId}-proof-intro`, proofErrorId].filter(Boolean).join(" ")}>
        <legend className="px-1 text-sm font-semibold">Check the contact details</legend>
        <p id={`${baseId}-proof-intro`} className="text-sm text-slate-600">
          Send the patient a {CONTACT_CODE_LENGTH}-digit code and ask them to read it out to you, so you know the email or phone is theirs
          and typed correctly.
        </p>
        {proofErrorId ? (
          <p id={proofErrorId} className="text-sm text-red-700">
            {fieldErrors.code?.join(" ")}
          </p>
        ) : null}
        <div aria-live="polite" className="space-y-1 text-sm">
          {isSentStale ? <p>You changed the {sent?.dto.channel === "EMAIL" ? "email address" : "phone number"}, so the code sent no longer applies. Send a new code.</p> : null}
          {current && !takenByStaff ? (
            <p>
              {current.isVerified
                ? `${current.maskedAddress} is confirmed.`
                : `Code sent ${current.channel === "EMAIL" ? "by email" : "by text message"} to ${current.maskedAddress}. It works for ${CONTACT_CODE_LIFETIME_MINUTES} minutes; ask the patient to read it out.`}
            </p>
          ) : null}
          {sendNotice ? <p className="font-medium text-red-700">{sendNotice}</p> : null}
        </div>
        {takenByStaff ? null : (
          <>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" className="disabled:text-slate-500" disabled={requestCode.isPending} onClick={() => sendCode("EMAIL")}>
                {current?.channel === "EMAIL" ? "Send the code by email again" : "Send a code to the patient by email"}
              </Button>
              <Button variant="secondary" className="disabled:text-slate-500" disabled={requestCode.isPending || !hasPhone} onClick={() => sendCode("SMS")}>
                {current?.channel === "SMS" ? "Send the code by text again" : "Send a code to the patient by text message"}
              </Button>
            </div>
            {current ? (
              <TextField
                id={codeFieldId}
                label="Code the patient reads out"
                hint={`${CONTACT_CODE_LENGTH} digits.`}
                className="max-w-40 tracking-widest"
                inputMode="numeric"
                autoComplete="off"
                value={values.code}
                errors={fieldErrors.code}
                onChange={update("code", "code")}
              />
            ) : null}
          </>
        )}
        <CheckboxField
          id={fieldId("contactTakenByStaff")}
          checked={takenByStaff}
          isLabelBold
          hint="Instead of a code, when the patient cannot receive one now and you are sure of the details (for example, they spelled out the email and you read it back). The booking records that you took the details without a code."
          errors={fieldErrors.contactTakenByStaff}
          onChange={(checked) => {
            setTakenByStaff(checked);
            setFieldErrors(({ code: _code, contactTakenByStaff: _taken, ...rest }) => rest);
          }}
        >
          I took these details from the patient myself
        </CheckboxField>
      </fieldset>

      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Booking…" : service.requiresApproval ? "Send the booking request" : "Book for the patient"}
      </Button>
      {service.requiresApproval ? (
        <p className="text-sm text-slate-600">{provider.displayName} confirms each request; the patient is told their answer.</p>
      ) : null}
    </HeldSlotForm>
  );
}

/** What was booked, in the zone of the appointment, and how the patient hears about it. */
function BookingDone({ booking, onAnother }: { booking: PhoneBookingDto; onAnother: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const zone = booking.location?.timeZone ?? booking.provider.timeZone;
  const isPending = booking.status === "PENDING";
  const { patient } = booking;
  const channels = [`by email at ${patient.email}`, ...(patient.whatsappOptIn && patient.phone ? [`on WhatsApp at ${patient.phone}`] : [])].join(" and ");
  return (
    <section aria-labelledby="phone-booking-done" className="space-y-3 rounded-md border border-green-300 bg-green-50 p-4">
      <h2 id="phone-booking-done" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        {isPending ? `Request sent to ${booking.provider.displayName}` : `Booked with ${booking.provider.displayName}`}
      </h2>
      <div role="status" className="space-y-2 text-sm">
        <p>
          <strong>{booking.service.name}</strong> for {patient.name}, {formatDate(booking.startsAt, zone)}, {formatTime(booking.startsAt, zone)}–
          {formatTime(booking.endsAt, zone)} ({zoneLabel(booking.startsAt, zone)}).
        </p>
        <p>{booking.location ? `In person at ${booking.location.name}, ${booking.location.formattedAddress}.` : "Online: the patient gets the link to join."}</p>
        <p>
          {isPending
            ? `${booking.provider.displayName} confirms each request. ${patient.name} gets the request ${channels} now, and another message when the provider answers.`
            : `${patient.name} gets the confirmation ${channels}, with a link to change or cancel, and reminders before the visit.`}
          {patient.phone ? ` If a message cannot be delivered, it goes by text message to ${patient.phone}.` : ""}
        </p>
        <p>
          {booking.contactTakenByStaff
            ? "You took the contact details without a code; the booking records that you did."
            : "The patient confirmed their contact details with the code."}
        </p>
      </div>
      <Button onClick={onAnother}>Book for another patient</Button>
    </section>
  );
}
