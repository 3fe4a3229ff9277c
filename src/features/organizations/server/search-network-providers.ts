import type { z } from "zod";
import type { DbExecutor } from "@/server/db/client";
import { PROVIDER_SEARCH_LIMIT, type searchNetworkProvidersInput } from "../network-schemas";
import type { ProviderCandidateDto } from "../network-types";
import { searchApprovedProviders } from "./network-repository";

export interface SearchNetworkProvidersOptions {
  db: DbExecutor;
  /** From organizationProcedure("ADMIN"). */
  organizationId: string;
  input: z.output<typeof searchNetworkProvidersInput>;
}

/**
 * Approved providers an organization's admin may invite, found by name or profile address.
 * Only what the public directory already shows (name, address, specialties), never an email.
 */
export async function searchNetworkProviders({ db, organizationId, input }: SearchNetworkProvidersOptions): Promise<ProviderCandidateDto[]> {
  return searchApprovedProviders(db, organizationId, input.query, PROVIDER_SEARCH_LIMIT);
}
