import { z } from "zod";

export const documentLinkInput = z.object({
  documentId: z.uuid("documentId must be the id of a document."),
});
export type DocumentLinkInput = z.infer<typeof documentLinkInput>;

export const providerDocumentsForProviderInput = z.object({
  providerId: z.uuid("providerId must be the id of a provider."),
});
export type ProviderDocumentsForProviderInput = z.infer<typeof providerDocumentsForProviderInput>;
