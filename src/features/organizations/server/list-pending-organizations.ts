import type { DbExecutor } from "@/server/db/client";
import type { PendingOrganizationDto } from "../types";
import { findPendingOrganizations } from "./organization-repository";

export interface ListPendingOrganizationsOptions {
  db: DbExecutor;
}

/** Organizations awaiting review, oldest first (at most 200), with their owners' names and addresses. */
export async function listPendingOrganizations({ db }: ListPendingOrganizationsOptions): Promise<PendingOrganizationDto[]> {
  return findPendingOrganizations(db);
}
