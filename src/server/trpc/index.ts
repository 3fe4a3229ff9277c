export { router, createCallerFactory } from "./init";
export {
  publicProcedure,
  protectedProcedure,
  providerProcedure,
  organizationProcedure,
  adminProcedure,
  MEMBERSHIP_RANK,
  type MembershipRole,
} from "./procedures";
export { createContext, type TRPCContext } from "./context";
export type { ErrorShapeData } from "./error-map";
