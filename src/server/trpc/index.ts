export { router, createCallerFactory } from "./init";
export {
  publicProcedure,
  protectedProcedure,
  providerProcedure,
  approvedProviderProcedure,
  organizationProcedure,
  adminProcedure,
  MEMBERSHIP_RANK,
  type MembershipRole,
} from "./procedures";
export { createContext, type TRPCContext } from "./context";
export { rateLimited, byClientWhen, byContactEmail, byContactPhone } from "./middleware";
export type { ErrorShapeData } from "./error-map";
