"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { saveServiceInput } from "../schemas";
import type { ServiceDto } from "../types";
import { useSaveService } from "../hooks/use-my-services";

const CURRENCIES = ["GBP", "EUR", "USD", "INR", "NPR", "AUD", "CAD", "CHF", "JPY", "ZAR"] as const;

export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

interface Draft {
  name: string;
  description: string;
  durationMinutes: string;
  price: string;
  currency: string;
  isOnline: boolean;
  isInPerson: boolean;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  slotStepMinutes: string;
  minimumNoticeMinutes: string;
  bookingHorizonDays: string;
  maxBookingsPerDay: string;
  requiresApproval: boolean;
}

function draftFrom(service: ServiceDto | null, defaultCurrency: string): Draft {
  if (!service) {
    return {
      name: "",
      description: "",
      durationMinutes: "30",
      price: "",
      currency: defaultCurrency,
      isOnline: true,
      isInPerson: true,
      bufferBeforeMinutes: "0",
      bufferAfterMinutes: "0",
      slotStepMinutes: "15",
      minimumNoticeMinutes: "120",
      bookingHorizonDays: "60",
      maxBookingsPerDay: "",
      requiresApproval: false,
    };
  }
  const digits = currencyDigits(service.currency);
  return {
    name: service.name,
    description: service.description,
    durationMinutes: String(service.durationMinutes),
    price: (service.priceMinor / 10 ** digits).toFixed(digits),
    currency: service.currency,
    isOnline: service.isOnline,
    isInPerson: service.isInPerson,
    bufferBeforeMinutes: String(service.bufferBeforeMinutes),
    bufferAfterMinutes: String(service.bufferAfterMinutes),
    slotStepMinutes: String(service.slotStepMinutes),
    minimumNoticeMinutes: String(service.minimumNoticeMinutes),
    bookingHorizonDays: String(service.bookingHorizonDays),
    maxBookingsPerDay: service.maxBookingsPerDay === null ? "" : String(service.maxBookingsPerDay),
    requiresApproval: service.requiresApproval,
  };
}

/** An empty number box becomes NaN so the shared schema reports it on the right field. */
function toNumber(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

function toPriceMinor(price: string, currency: string): number {
  const value = toNumber(price.replace(",", "."));
  return Number.isFinite(value) ? Math.round(value * 10 ** currencyDigits(currency)) : Number.NaN;
}

type FieldName = keyof ServiceDto;
type NumberField = "durationMinutes" | "bufferBeforeMinutes" | "bufferAfterMinutes" | "slotStepMinutes" | "minimumNoticeMinutes" | "bookingHorizonDays";

/** How the form saves: providers.saveService by default; onboarding passes its own mutation with the same input. */
export type ServiceSaveMutation = ReturnType<typeof useSaveService>;

export function ServiceForm({
  service,
  defaultCurrency,
  onDone,
  save: saveOverride,
}: {
  service: ServiceDto | null;
  defaultCurrency: string;
  onDone: (message: string) => void;
  save?: ServiceSaveMutation;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(service, defaultCurrency));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState("");
  const defaultSave = useSaveService();
  const save = saveOverride ?? defaultSave;
  const id = useId();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const errorsOf = (field: FieldName) => fieldErrors[`service.${field}`];
  const controlProps = (field: FieldName) => ({
    id: `${id}-${field}`,
    "aria-invalid": Boolean(errorsOf(field)?.length),
    "aria-describedby": [errorsOf(field)?.length ? `${id}-${field}-error` : null, `${id}-${field}-hint`].filter(Boolean).join(" ") || undefined,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setGeneralError("");
    const candidate = {
      serviceId: service?.id ?? null,
      service: {
        name: draft.name,
        description: draft.description,
        durationMinutes: toNumber(draft.durationMinutes),
        priceMinor: toPriceMinor(draft.price, draft.currency),
        currency: draft.currency,
        isOnline: draft.isOnline,
        isInPerson: draft.isInPerson,
        bufferBeforeMinutes: toNumber(draft.bufferBeforeMinutes),
        bufferAfterMinutes: toNumber(draft.bufferAfterMinutes),
        slotStepMinutes: toNumber(draft.slotStepMinutes),
        minimumNoticeMinutes: toNumber(draft.minimumNoticeMinutes),
        bookingHorizonDays: toNumber(draft.bookingHorizonDays),
        maxBookingsPerDay: draft.maxBookingsPerDay.trim() === "" ? null : toNumber(draft.maxBookingsPerDay),
        requiresApproval: draft.requiresApproval,
      },
    };
    const checked = saveServiceInput.safeParse(candidate);
    if (!checked.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of checked.error.issues) (errors[issue.path.map(String).join(".")] ??= []).push(issue.message);
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    save.mutate(checked.data, {
      onSuccess: (saved) => onDone(service ? `Saved “${saved.name}”.` : `Created “${saved.name}”.`),
      onError: (error) => {
        if (error.data?.appCode === "VALIDATION" && error.data.fieldErrors) setFieldErrors(error.data.fieldErrors);
        setGeneralError(error.message);
      },
    });
  };

  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const number = (field: NumberField, label: string, hint: string, extra?: { min?: number; max?: number; step?: number }) => (
    <Field id={id} field={field} label={label} hint={hint} errors={errorsOf(field)}>
      <Input
        {...controlProps(field)}
        type="number"
        inputMode="numeric"
        min={extra?.min ?? 0}
        max={extra?.max}
        step={extra?.step ?? 1}
        value={draft[field]}
        onChange={(event) => set(field, event.target.value)}
      />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={service ? `Edit ${service.name}` : "New service"}>
      {hasFieldErrors || generalError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {generalError || "The service was not saved. Please check the highlighted fields."}
          {fieldErrors[""] || fieldErrors.service ? <p>{[...(fieldErrors[""] ?? []), ...(fieldErrors.service ?? [])].join(" ")}</p> : null}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id} field="name" label="Name" hint="What patients see, e.g. “Follow-up consultation”." errors={errorsOf("name")}>
          <Input {...controlProps("name")} value={draft.name} onChange={(e) => set("name", e.target.value)} />
        </Field>
        {number("durationMinutes", "Duration (minutes)", "5 to 720 minutes.", { min: 5, max: 720, step: 5 })}
        <Field id={id} field="description" label="Description" hint="Optional; up to 2,000 characters." errors={errorsOf("description")}>
          <textarea
            {...controlProps("description")}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
            rows={3}
            value={draft.description}
            onChange={(e) => set("description", e.target.value)}
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id={id} field="priceMinor" label="Price" hint={`In ${draft.currency}, e.g. 65.00.`} errors={errorsOf("priceMinor")}>
            <Input
              {...controlProps("priceMinor")}
              type="number"
              inputMode="decimal"
              min={0}
              step={1 / 10 ** currencyDigits(draft.currency)}
              value={draft.price}
              onChange={(e) => set("price", e.target.value)}
            />
          </Field>
          <Field id={id} field="currency" label="Currency" hint="ISO code." errors={errorsOf("currency")}>
            <Select {...controlProps("currency")} value={draft.currency} onChange={(e) => set("currency", e.target.value)}>
              {[...new Set([draft.currency, ...CURRENCIES])].map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </div>

      <fieldset className="space-y-1" aria-describedby={errorsOf("isOnline")?.length ? `${id}-isOnline-error` : undefined}>
        <legend className="text-sm font-medium">How it is offered</legend>
        <label className="mr-6 inline-flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.isOnline}
            aria-invalid={Boolean(errorsOf("isOnline")?.length)}
            onChange={(e) => set("isOnline", e.target.checked)}
          />
          Online
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.isInPerson} onChange={(e) => set("isInPerson", e.target.checked)} />
          In person
        </label>
        <Messages id={`${id}-isOnline-error`} messages={errorsOf("isOnline")} />
        {errorsOf("isInPerson") ? <Messages id={`${id}-isInPerson-error`} messages={errorsOf("isInPerson")} /> : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-3">
        {number("bufferBeforeMinutes", "Buffer before (minutes)", "Free time kept before each visit.", { max: 240 })}
        {number("bufferAfterMinutes", "Buffer after (minutes)", "Free time kept after each visit.", { max: 240 })}
        {number("slotStepMinutes", "Slot step (minutes)", "How far apart start times are.", { min: 5, max: 240, step: 5 })}
        {number("minimumNoticeMinutes", "Minimum notice (minutes)", "How soon before the start a patient may book.", { max: 43_200 })}
        {number("bookingHorizonDays", "Booking horizon (days)", "How far ahead patients may book.", { min: 1, max: 730 })}
        <Field id={id} field="maxBookingsPerDay" label="Max bookings per day" hint="Leave empty for no limit." errors={errorsOf("maxBookingsPerDay")}>
          <Input
            {...controlProps("maxBookingsPerDay")}
            type="number"
            inputMode="numeric"
            min={1}
            max={500}
            value={draft.maxBookingsPerDay}
            onChange={(e) => set("maxBookingsPerDay", e.target.value)}
          />
        </Field>
      </div>

      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" checked={draft.requiresApproval} onChange={(e) => set("requiresApproval", e.target.checked)} />
        Requires my approval (bookings arrive as requests to confirm or decline)
      </label>

      <div className="flex gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : service ? "Save service" : "Create service"}
        </Button>
        <Button variant="secondary" onClick={() => onDone("")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function Field({
  id,
  field,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  field: string;
  label: string;
  hint: string;
  errors: string[] | undefined;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={`${id}-${field}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children}
      <p id={`${id}-${field}-hint`} className="mt-1 text-xs text-slate-600">
        {hint}
      </p>
      <Messages id={`${id}-${field}-error`} messages={errors} />
    </div>
  );
}

function Messages({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {messages.join(" ")}
    </p>
  );
}
