import { adminProcedure, protectedProcedure, providerProcedure, router } from "@/server/trpc";
import { createDocumentLink } from "./documents/create-document-link";
import { getMyDocuments } from "./documents/get-my-documents";
import { getProviderDocuments } from "./documents/get-provider-documents";
import { documentLinkInput, providerDocumentsForProviderInput } from "./documents/schemas";

/**
 * Verification documents: the requirements, the provider's files, short-lived viewing links.
 * Files are uploaded to POST /api/provider-documents and read through GET
 * /api/provider-documents/[documentId] with a link from `link`.
 */
export const providerDocumentsRouter = router({
  mine: providerProcedure.query(({ ctx }) => getMyDocuments({ db: ctx.db, providerId: ctx.provider.id })),
  forProvider: adminProcedure
    .input(providerDocumentsForProviderInput)
    .query(({ ctx, input }) =>
      getProviderDocuments({ db: ctx.db, providerId: input.providerId, actorUserId: ctx.session.user.id, origin: ctx.request }),
    ),
  // A mutation: every call mints a new credential, which must not be cached or shared between views.
  link: protectedProcedure
    .input(documentLinkInput)
    .mutation(({ ctx, input }) =>
      createDocumentLink({
        db: ctx.db,
        documentId: input.documentId,
        viewer: { userId: ctx.session.user.id, role: ctx.session.user.role },
        now: ctx.now(),
      }),
    ),
});
