import type { DocumentAccess } from "./documents-repository";

export interface DocumentViewer {
  userId: string;
  role: "USER" | "ADMIN";
}

/** A document is seen by the user who owns its provider profile and by platform admins, nobody else. */
export function canViewDocument(viewer: DocumentViewer, document: Pick<DocumentAccess, "providerUserId">): boolean {
  return viewer.role === "ADMIN" || document.providerUserId === viewer.userId;
}
