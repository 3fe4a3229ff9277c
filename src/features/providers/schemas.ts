import { z } from "zod";

export const PAGE_SIZE_MAX = 50;

export const listProvidersInput = z.object({
  query: z.string().trim().max(100, "query must be at most 100 characters").optional(),
  specialty: z.string().trim().max(64).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, "language must be a 2 or 3 letter language code, like en or fr")
    .optional(),
  page: z.number().int().min(1, "page must be 1 or more").default(1),
  pageSize: z.number().int().min(1).max(PAGE_SIZE_MAX, `pageSize must be at most ${PAGE_SIZE_MAX}`).default(12),
});
export type ListProvidersInput = z.input<typeof listProvidersInput>;
