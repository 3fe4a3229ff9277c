import type { DbExecutor } from "@/server/db/client";
import type { MyOrganizationDto } from "../types";
import { findOrganizationsOfUser } from "./organization-repository";

export interface ListMyOrganizationsOptions {
  db: DbExecutor;
  userId: string;
}

/** The organizations the user belongs to, with their role in each (a person is in a few at most). */
export async function listMyOrganizations({ db, userId }: ListMyOrganizationsOptions): Promise<MyOrganizationDto[]> {
  return findOrganizationsOfUser(db, userId);
}
