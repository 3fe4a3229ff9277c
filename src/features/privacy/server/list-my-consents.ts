import type { DbExecutor } from "@/server/db/client";
import type { MyConsentsDto } from "../types";
import { accountNotFound } from "./erasure-guards";
import { findUser, listPersonConsents } from "./person-data-repository";
import { loadPerson } from "./person-scope";

export interface ListMyConsentsOptions {
  db: DbExecutor;
  userId: string;
}

/**
 * The person's consent records, newest first: those of their account and those given on their
 * guest bookings. Shown in their profile's zone (UTC without a profile).
 */
export async function listMyConsents({ db, userId }: ListMyConsentsOptions): Promise<MyConsentsDto> {
  const user = await findUser(db, userId);
  if (!user) throw accountNotFound();
  const person = await loadPerson(db, user);
  const records = await listPersonConsents(db, person.scope);
  return {
    records: records.map(({ ipAddress: _ipAddress, ...record }) => record),
    timeZone: person.profile?.timeZone ?? "UTC",
  };
}
