import { z } from "zod";

export const openingHoursLocationInput = z.object({ locationId: z.uuid("locationId must be a location id") });
export type OpeningHoursLocationInput = z.input<typeof openingHoursLocationInput>;
