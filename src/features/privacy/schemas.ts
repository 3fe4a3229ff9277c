import { z } from "zod";

/** What the person types to confirm erasure: a deliberate act, not a stray click. */
export const ERASE_CONFIRMATION = "ERASE";

export const eraseAccountInput = z.object({
  confirmation: z.literal(ERASE_CONFIRMATION, { error: `Type ${ERASE_CONFIRMATION} in capital letters to confirm that your data should be erased.` }),
});
export type EraseAccountInput = z.input<typeof eraseAccountInput>;
