import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { PersonalDataExport } from "../types";
import { exportFileName } from "./erasure-rules";
import { exportPersonalData } from "./export-personal-data";

export interface DownloadPersonalDataOptions {
  db: Database;
  userId: string;
  now: Date;
  origin: AuditOrigin;
}

export interface PersonalDataDownload {
  fileName: string;
  data: PersonalDataExport;
}

/**
 * The export as a download: read in one snapshot and recorded (`user.data_exported`, the person
 * acting on themself) in the same transaction, which commits before the data is handed out.
 */
export async function downloadPersonalData({ db, userId, now, origin }: DownloadPersonalDataOptions): Promise<PersonalDataDownload> {
  return db.transaction(
    async (tx) => {
      const data = await exportPersonalData({ db: tx, userId, now });
      await recordAudit(tx, { actorUserId: userId, action: "user.data_exported", subjectType: "user", subjectId: userId, origin });
      return { fileName: exportFileName(now), data };
    },
    { isolationLevel: "repeatable read" },
  );
}
