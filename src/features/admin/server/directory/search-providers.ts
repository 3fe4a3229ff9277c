import { z } from "zod";
import type { DbExecutor } from "@/server/db/client";
import type { searchProvidersInput } from "../../directory-schemas";
import type { Page, ProviderSearchRow } from "../../directory-types";
import { searchProviderRows } from "./directory-repository";
import { decodeCursor, encodeCursor } from "./page-cursor";

export interface SearchProvidersOptions {
  db: DbExecutor;
  input: z.output<typeof searchProvidersInput>;
}

const providerCursor = z.object({ name: z.string().max(1000), id: z.uuid() });

/** Providers in any status, by name: matched on name, slug, account email, registration number or id. */
export async function searchProviders({ db, input }: SearchProvidersOptions): Promise<Page<ProviderSearchRow>> {
  const after = decodeCursor(input.cursor, providerCursor);
  const rows = await searchProviderRows(db, { query: input.query, status: input.status, after, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      displayName: row.displayName,
      slug: row.slug,
      status: row.status,
      email: row.erasedAt !== null ? null : row.email,
      registrationNumber: row.registrationNumber,
      timeZone: row.timeZone,
      submittedAt: row.submittedAt,
      createdAt: row.createdAt,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ name: last.nameKey, id: last.id }) : null,
  };
}
