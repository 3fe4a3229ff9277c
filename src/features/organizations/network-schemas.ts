import { z } from "zod";

export const PROVIDER_LINK_STATUSES = ["INVITED", "ACTIVE", "ENDED", "DECLINED"] as const;
export type ProviderLinkStatus = (typeof PROVIDER_LINK_STATUSES)[number];

/** Providers shown on one page of an organization's network. */
export const NETWORK_PAGE_SIZE = 50;
/** Matches a search shows: enough to pick from; a longer name narrows it. */
export const PROVIDER_SEARCH_LIMIT = 20;
/** After a provider declines, the same organization may invite them again only after this many days. */
export const REINVITE_AFTER_DECLINE_DAYS = 30;

const providerId = z.uuid("providerId must be a provider's id");
const organizationId = z.uuid("organizationId must be a valid id");

export const listNetworkInput = z.object({
  status: z.enum(PROVIDER_LINK_STATUSES, { error: "status must be INVITED, ACTIVE, ENDED or DECLINED" }).optional(),
  page: z.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page must be 1 or more").max(10_000, "page must be at most 10,000").default(1),
});

export const searchNetworkProvidersInput = z.object({
  query: z
    .string({ error: "query must be text" })
    .trim()
    .min(2, "query must be at least 2 characters: type part of the provider's name")
    .max(100, "query must be at most 100 characters")
    .refine((value) => !value.includes("\u0000"), "query contains a null character (U+0000). Remove it and try again."),
});
export type SearchNetworkProvidersInput = z.input<typeof searchNetworkProvidersInput>;

export const networkProviderInput = z.object({ providerId });

export const respondToProviderInvitationInput = z.object({
  organizationId,
  decision: z.enum(["ACCEPT", "DECLINE"], { error: "decision must be ACCEPT or DECLINE" }),
});

export const leaveProviderNetworkInput = z.object({ organizationId });

export const setScheduleEditsInput = z.object({
  organizationId,
  allowsScheduleEdits: z.boolean({ error: "allowsScheduleEdits must be true or false" }),
});
