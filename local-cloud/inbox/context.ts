import type { BlobEmulator } from "../blob";
import type { GoogleEmulator, NotificationReport } from "../google";
import type { SendGridEmulator } from "../sendgrid";
import type { TwilioEmulator } from "../twilio";
import type { createMediaResolver } from "./media";

/** In-process references to the running emulators; a vendor using live keys is absent. */
export interface InboxEmulators {
  google?: GoogleEmulator;
  sendgrid?: SendGridEmulator;
  twilio?: TwilioEmulator;
  blob?: BlobEmulator;
}

export interface PageContext {
  emulators: InboxEmulators;
  /** The page's own path and query, where its forms send the person back to. */
  back: string;
  media: ReturnType<typeof createMediaResolver>;
  /** Our Twilio senders, offered as the number a patient writes to. */
  twilioNumbers: string[];
  /** Recent push notification attempts of the Google emulator, newest last. */
  notifications: (NotificationReport & { at: string })[];
}
