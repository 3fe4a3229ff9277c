/** Twilio error codes the emulator produces, with Twilio's wording. */
const MESSAGES: Record<number, string> = {
  20003: "Authenticate",
  20404: "The requested resource was not found",
  20422: "Invalid Parameter",
  20429: "Too Many Requests",
  20500: "Internal Server Error",
  20503: "Service Unavailable",
  21408: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
  21211: "Invalid 'To' Phone Number",
  21212: "The 'From' number is not a valid phone number, shortcode, or alphanumeric sender ID.",
  21602: "Message body is required.",
  21603: "A 'From' or 'MessagingServiceSid' parameter is required to send a message.",
  21604: "A 'To' phone number is required.",
  21606: "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination.",
  21610: "Attempt to send to unsubscribed recipient",
  21611: "This 'From' number has exceeded the maximum number of queued messages",
  21612: "The 'To' phone number is not currently reachable via SMS",
  21614: "'To' number is not a valid mobile number",
  21617: "The concatenated message body exceeds the 1600 character limit.",
  21655: "The ContentSid is Invalid.",
  21656: "The ContentVariables Parameter is invalid.",
  21659: "'From' is not a Twilio phone number or Short Code country mismatch",
  21701: "The Messaging Service Sid is invalid.",
  21910: "Invalid From and To pair. From and To should be of the same channel.",
  30003: "Unreachable destination handset",
  30007: "Message filtered",
  30008: "Unknown error",
  63003: "Channel could not find To address",
  63007: "Twilio could not find a Channel with the specified From address",
  63016:
    "Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.",
  63024: "Invalid message recipient",
  63028: "Number of parameters provided does not match the expected number of parameters",
};

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function twilioErrorMessage(code: number): string {
  return MESSAGES[code] ?? "Message delivery failed";
}

export class TwilioApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: number,
    detail?: string,
  ) {
    super(detail === undefined ? twilioErrorMessage(code) : `${twilioErrorMessage(code)}: ${detail}`);
  }

  toBody(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

export function badRequest(code: number, detail?: string): TwilioApiError {
  return new TwilioApiError(code, 400, detail);
}
