"use client";

import { useCallback, useSyncExternalStore } from "react";
import { isValidTimeZone } from "@/lib/time";

const STORAGE_KEY = "medbookings.patientTimeZone";
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function detectedTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : "UTC";
}

function readChosen(): string | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored && isValidTimeZone(stored) ? stored : null;
  } catch {
    return null;
  }
}

const getSnapshot = () => readChosen() ?? detectedTimeZone();
// The server cannot know the visitor's zone; times render once the browser has hydrated.
const getServerSnapshot = () => null;

/**
 * The zone the patient reads times in: the browser's own unless they chose another one, which
 * is remembered on this device so the booking and manage pages agree.
 */
export function usePatientTimeZone(): { timeZone: string | null; detectedTimeZone: string | null; setTimeZone: (zone: string) => void } {
  const timeZone = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const detected = useSyncExternalStore(subscribe, detectedTimeZone, getServerSnapshot);
  const setTimeZone = useCallback((zone: string) => {
    if (!isValidTimeZone(zone)) return;
    try {
      if (zone === detectedTimeZone()) window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, zone);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
    for (const listener of listeners) listener();
  }, []);
  return { timeZone, detectedTimeZone: detected, setTimeZone };
}
