import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { requestPhoneContactCodeInput } from "../phone-booking-schemas";
import type { ContactVerificationDto } from "../types";
import { assertHoldOfOrganization } from "./phone-booking-guards";
import { requestContactVerification } from "./request-contact-verification";

export interface RequestPhoneContactCodeOptions {
  db: Database;
  organizationId: string;
  input: z.output<typeof requestPhoneContactCodeInput>;
  now: Date;
}

/**
 * Sends the patient a code by email or text message, exactly as to a guest online (same limits
 * per hold, same message); the patient reads it back to the staff member on the phone.
 */
export async function requestPhoneContactCode({ db, organizationId, input, now }: RequestPhoneContactCodeOptions): Promise<ContactVerificationDto> {
  await assertHoldOfOrganization(db, organizationId, input.holdId);
  return requestContactVerification({ db, input, userId: null, now });
}
