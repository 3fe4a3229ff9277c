"use client";

import { useEffect, useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { CONTACT_CODE_LENGTH, CONTACT_CODE_LIFETIME_MINUTES } from "../schemas";
import type { ContactChannel, ContactVerificationDto } from "../types";
import { Field } from "./field";

export interface ContactVerificationProps {
  /** Id of the fieldset; the code input is `${id}-code`. */
  id: string;
  /** The latest code sent for the details as they are now; null before the first or after they changed. */
  verification: ContactVerificationDto | null;
  /** Why an earlier code no longer applies (the email or phone was changed), if so. */
  staleNote: string | null;
  canText: boolean;
  code: string;
  onCodeChange: (code: string) => void;
  codeErrors?: string[];
  codeInputRef?: Ref<HTMLInputElement>;
  /** A refusal to send (too soon, too many) or another message about sending, read out when it changes. */
  notice: string | null;
  isSending: boolean;
  /** When another code may be asked for, on this browser's clock (ms), or null. */
  resendAt: number | null;
  onSend: (channel: ContactChannel) => void;
}

const CHANNEL_WORDS: Record<ContactChannel, { to: string; other: string }> = {
  EMAIL: { to: "", other: "Text me a code instead" },
  SMS: { to: " by text message", other: "Email me a code instead" },
};

function secondsLeft(resendAt: number | null): number {
  return resendAt === null ? 0 : Math.max(0, Math.ceil((resendAt - Date.now()) / 1000));
}

/** Ticks once a second until `resendAt`, so the resend buttons enable themselves when it passes. */
function useSecondsUntil(resendAt: number | null): number {
  const [seconds, setSeconds] = useState(() => secondsLeft(resendAt));
  useEffect(() => {
    const tick = () => setSeconds(secondsLeft(resendAt));
    tick();
    if (resendAt === null) return;
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [resendAt]);
  return seconds;
}

/**
 * Proving the booking's email or phone: send a code, type it in. Sending and its outcome are
 * announced in a polite live region that is always in the page (a region added together with its
 * text is not read); the resend countdown is shown but not read out every second.
 */
export function ContactVerification({
  id,
  verification,
  staleNote,
  canText,
  code,
  onCodeChange,
  codeErrors,
  codeInputRef,
  notice,
  isSending,
  resendAt,
  onSend,
}: ContactVerificationProps) {
  const wait = useSecondsUntil(resendAt);
  const isVerified = verification?.isVerified === true;
  const canSendMore = verification === null || verification.sendsLeft > 0;
  const isWaiting = wait > 0;
  const sendDisabled = isSending || isWaiting || !canSendMore;
  const sentMessage = verification
    ? isVerified
      ? `Thank you: ${verification.maskedAddress} is confirmed.`
      : `We sent a ${CONTACT_CODE_LENGTH}-digit code${CHANNEL_WORDS[verification.channel].to} to ${verification.maskedAddress}. It works for ${CONTACT_CODE_LIFETIME_MINUTES} minutes.`
    : "";
  const countdown = `${Math.floor(wait / 60)}:${String(wait % 60).padStart(2, "0")}`;

  return (
    <fieldset id={id} tabIndex={-1} className="space-y-3 rounded-md border border-slate-200 p-3" aria-describedby={`${id}-intro`}>
      <legend className="px-1 text-sm font-semibold">Confirm your email or phone</legend>
      <p id={`${id}-intro`} className="text-sm text-slate-600">
        Before we book, we send you a {CONTACT_CODE_LENGTH}-digit code to check that these contact details are yours.
      </p>
      {staleNote ? <p className="text-sm text-slate-800">{staleNote}</p> : null}

      <div aria-live="polite" className="space-y-1 text-sm">
        {sentMessage ? <p className={isVerified ? "font-medium text-green-800" : undefined}>{sentMessage}</p> : null}
        {verification && !isVerified && verification.channel === "EMAIL" ? (
          <p className="text-slate-600">If it has not arrived in a minute, check your spam or junk folder.</p>
        ) : null}
        {notice ? <p className="font-medium text-red-700">{notice}</p> : null}
      </div>

      {isVerified ? null : verification === null ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" className="disabled:text-slate-500" disabled={sendDisabled} onClick={() => onSend("EMAIL")}>
            Email me a code
          </Button>
          {canText ? (
            <Button variant="secondary" className="disabled:text-slate-500" disabled={sendDisabled} onClick={() => onSend("SMS")}>
              Text me a code
            </Button>
          ) : null}
        </div>
      ) : (
        <>
          <Field id={`${id}-code`} label={`${CONTACT_CODE_LENGTH}-digit code`} hint={`Find it in the ${verification.channel === "EMAIL" ? "email" : "text message"} from MedBookings.`} errors={codeErrors}>
            {(control) => (
              <Input
                {...control}
                ref={codeInputRef}
                className="max-w-40 tracking-widest"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(event) => onCodeChange(event.target.value)}
              />
            )}
          </Field>
          {canSendMore ? (
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="secondary" className="disabled:text-slate-500" disabled={sendDisabled} onClick={() => onSend(verification.channel)}>
                Resend code
              </Button>
              {canText || verification.channel === "SMS" ? (
                <Button
                  variant="ghost"
                  className="text-brand-700 underline disabled:text-slate-500"
                  disabled={sendDisabled}
                  onClick={() => onSend(verification.channel === "EMAIL" ? "SMS" : "EMAIL")}
                >
                  {CHANNEL_WORDS[verification.channel].other}
                </Button>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-700">That was the last code we can send for this reservation. To get more, choose your time again.</p>
          )}
        </>
      )}
      {!isVerified && isWaiting && canSendMore ? (
        <p className="text-sm text-slate-600" data-testid="resend-countdown">
          You can ask for another code in {countdown}.
        </p>
      ) : null}
    </fieldset>
  );
}
