import { createRequestContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { getLogger } from "@/server/logger";
import { handleTRPCRequest } from "@/server/trpc/http-handler";

function handler(req: Request) {
  return handleTRPCRequest({
    req,
    router: appRouter,
    createContext: () => createRequestContext(req.headers),
    logger: getLogger(),
  });
}

export { handler as GET, handler as POST };
