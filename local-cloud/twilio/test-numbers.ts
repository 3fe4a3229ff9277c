/**
 * Numbers with fixed behaviour, so tests and the Inbox can provoke every refusal the app must
 * handle. The +1 500 555 00xx numbers are Twilio's own test-credential "magic numbers" and mean
 * the same here; the local cloud honours them with any credentials.
 *
 * To (SMS, refused at once with 400):
 *   +15005550001  21211 Invalid 'To' Phone Number (on WhatsApp too)
 *   +15005550002  21612 The 'To' phone number is not currently reachable via SMS
 *   +15005550003  21408 No permission to send SMS to the number's region
 *   +15005550004  21610 Attempt to send to unsubscribed recipient (blocked)
 *   +15005550009  21614 'To' number is not a valid mobile number (a landline)
 *
 * To (WhatsApp, accepted with 201, then failed with ErrorCode 63003 "Channel could not find To
 * address" in the status callback, as Twilio does for a number without WhatsApp):
 *   +15005550009  the landline above
 *   +15005550010  a mobile that receives SMS but has no WhatsApp account
 *   plus any number given in `notOnWhatsApp` or marked with markNotOnWhatsApp().
 *
 * From (refused at once with 400, before the sender-ownership check):
 *   +15005550001  21212 invalid 'From' number
 *   +15005550007  21606 'From' is not a message-capable number of this account
 *   +15005550008  21611 'From' has too many queued messages
 *   +15005550006  a valid sender (the local cloud's SMS number)
 */
export const MAGIC_TO_SMS: Readonly<Record<string, number>> = {
  "+15005550001": 21211,
  "+15005550002": 21612,
  "+15005550003": 21408,
  "+15005550004": 21610,
};

export const MAGIC_FROM: Readonly<Record<string, number>> = {
  "+15005550001": 21212,
  "+15005550007": 21606,
  "+15005550008": 21611,
};

export const INVALID_TO = "+15005550001";

/** Numbers that cannot receive SMS: a message to them is refused with 21614. */
export const DEFAULT_LANDLINES: readonly string[] = ["+15005550009"];

/** Numbers without a WhatsApp account: WhatsApp to them fails with 63003 (landlines included). */
export const DEFAULT_NOT_ON_WHATSAPP: readonly string[] = ["+15005550009", "+15005550010"];
