import type { SendGridError } from "./validate-mail";

/**
 * SendGrid sends only from a verified Sender Identity: a Single Sender (one exact address) or an
 * authenticated domain (any address at that domain). Anything else is refused with 403.
 */
export interface SenderIdentities {
  /** Verified Single Senders, e.g. "bookings@medbookings.local". */
  senders?: string[];
  /** Authenticated domains, e.g. "medbookings.example": every address at them may send. */
  domains?: string[];
}

/** The app's default SENDGRID_FROM_EMAIL (env.mjs), verified unless an emulator says otherwise. */
export const DEFAULT_VERIFIED_SENDER = "bookings@medbookings.local";

export const UNVERIFIED_SENDER_MESSAGE =
  "The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements";

export class SenderIdentityRegistry {
  private readonly senders = new Set<string>();
  private readonly domains = new Set<string>();

  constructor(identities: SenderIdentities | undefined) {
    const configured = identities ?? { senders: [DEFAULT_VERIFIED_SENDER] };
    for (const email of configured.senders ?? []) this.verifySender(email);
    for (const domain of configured.domains ?? []) this.authenticateDomain(domain);
  }

  verifySender(email: string): void {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`sendgrid: ${email} is not an email address`);
    this.senders.add(email.toLowerCase());
  }

  authenticateDomain(domain: string): void {
    const normalized = domain.toLowerCase().replace(/^@/, "");
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(normalized)) throw new Error(`sendgrid: ${domain} is not a domain name`);
    this.domains.add(normalized);
  }

  /** Email addresses are case-insensitive in practice; SendGrid matches them so. */
  isVerified(email: string): boolean {
    const normalized = email.toLowerCase();
    const domain = normalized.slice(normalized.lastIndexOf("@") + 1);
    return this.senders.has(normalized) || this.domains.has(domain);
  }

  list(): { senders: string[]; domains: string[] } {
    return { senders: [...this.senders].sort(), domains: [...this.domains].sort() };
  }
}

export function unverifiedSenderError(): SendGridError {
  return { message: UNVERIFIED_SENDER_MESSAGE, field: "from", help: null };
}
