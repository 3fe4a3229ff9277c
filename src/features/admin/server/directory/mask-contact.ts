/**
 * Contact details as lists show them: enough to tell people apart, not enough to contact them
 * (`j***@example.com`, `+44******777`). The full value is shown only in an audited record read.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return maskText(email);
  const local = email.slice(0, at);
  return `${local.slice(0, 1)}***${email.slice(at)}`;
}

export function maskPhone(phone: string): string {
  const compact = phone.replace(/\s+/g, "");
  if (compact.length <= 6) return "*".repeat(compact.length);
  return `${compact.slice(0, 3)}${"*".repeat(compact.length - 6)}${compact.slice(-3)}`;
}

/** A notification address: an email or an E.164 phone number. */
export function maskAddress(address: string): string {
  return address.includes("@") ? maskEmail(address) : maskPhone(address);
}

function maskText(text: string): string {
  return text.length <= 1 ? "*" : `${text.slice(0, 1)}***`;
}
