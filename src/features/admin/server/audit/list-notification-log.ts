import { z } from "zod";
import type { DbExecutor } from "@/server/db/client";
import type { notificationLogInput } from "../../audit-schemas";
import type { AdminNotificationRow, Page } from "../../directory-types";
import { toAdminNotificationRow } from "../directory/directory-dtos";
import { decodeCursor, encodeCursor, instantKey } from "../directory/page-cursor";
import { findNotificationRows } from "./audit-trail-repository";

export interface ListNotificationLogOptions {
  db: DbExecutor;
  input: z.output<typeof notificationLogInput>;
}

const notificationCursor = z.object({ at: instantKey, id: z.uuid() });

/** Addresses are stored lower-cased (email) or in E.164 (phone): a typed one is read the same way. */
export function normalizeAddress(address: string): string {
  return address.includes("@") ? address.toLowerCase() : address.replace(/[\s().-]/g, "");
}

/** Every notification the platform made, newest first, with addresses masked. */
export async function listNotificationLog({ db, input }: ListNotificationLogOptions): Promise<Page<AdminNotificationRow>> {
  const after = decodeCursor(input.cursor, notificationCursor);
  const rows = await findNotificationRows(db, {
    purpose: input.purpose,
    channel: input.channel,
    status: input.status,
    bookingId: input.bookingId,
    address: input.recipientAddress ? normalizeAddress(input.recipientAddress) : undefined,
    from: input.from,
    to: input.to,
    after,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAdminNotificationRow),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.createdAtKey, id: last.id }) : null,
  };
}
