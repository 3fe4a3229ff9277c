import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { documentsOverview, type ProviderDocumentsDto } from "./documents-overview";
import { findProviderById } from "./documents-repository";

export interface GetMyDocumentsOptions {
  db: Database;
  /** The signed-in user's own provider (providerProcedure's ctx.provider). */
  providerId: string;
}

/** The signed-in provider's requirements, files and review state. */
export async function getMyDocuments({ db, providerId }: GetMyDocumentsOptions): Promise<ProviderDocumentsDto> {
  const provider = await findProviderById(db, providerId);
  if (provider === null) throw new AppError("NOT_FOUND", "Provider profile not found.");
  return documentsOverview(db, provider);
}
