import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { listProvidersInput } from "../schemas";
import type { Page, ProviderSummary } from "../types";
import { findApprovedProviders } from "./providers-repository";

export interface ListProvidersOptions {
  db: DbExecutor;
  filter: z.output<typeof listProvidersInput>;
}

/** The public directory: approved providers only, filtered and paginated in the database. */
export async function listProviders({ db, filter }: ListProvidersOptions): Promise<Page<ProviderSummary>> {
  const { page, pageSize } = filter;
  const { items, total } = await findApprovedProviders(db, {
    query: filter.query || undefined,
    specialty: filter.specialty || undefined,
    language: filter.language,
    service: filter.service || undefined,
    mode: filter.mode,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return { items, page, pageSize, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
