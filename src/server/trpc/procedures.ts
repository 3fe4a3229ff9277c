import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { findMembership, findProviderForUser } from "./access-repository";
import { toTRPCError } from "./error-map";
import { t } from "./init";

export type MembershipRole = "OWNER" | "ADMIN" | "MANAGER" | "STAFF";

/** Higher rank includes every permission of the lower ones. */
export const MEMBERSHIP_RANK: Record<MembershipRole, number> = { STAFF: 1, MANAGER: 2, ADMIN: 3, OWNER: 4 };

/** Use cases throw AppError; this is the only place it becomes a TRPCError. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user) {
    throw toTRPCError(new AppError("UNAUTHORIZED", "Please sign in to continue."));
  }
  return next({ ctx: { ...ctx, session: ctx.session } });
});

export const providerProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const provider = await findProviderForUser(ctx.db, ctx.session.user.id);
  if (!provider) {
    throw toTRPCError(new AppError("FORBIDDEN", "This needs a provider profile. Create one to continue."));
  }
  return next({ ctx: { ...ctx, provider } });
});

export function organizationProcedure(minimumRole: MembershipRole) {
  return protectedProcedure
    .input(z.object({ organizationId: z.uuid("organizationId must be a valid id") }))
    .use(async ({ ctx, input, next }) => {
      const membership = await findMembership(ctx.db, input.organizationId, ctx.session.user.id);
      // A non-member learns nothing about whether the organization exists.
      if (!membership) {
        throw toTRPCError(new AppError("NOT_FOUND", "Organization not found."));
      }
      if (MEMBERSHIP_RANK[membership.role] < MEMBERSHIP_RANK[minimumRole]) {
        throw toTRPCError(
          new AppError("FORBIDDEN", `This needs the ${minimumRole} role or higher in this organization.`),
        );
      }
      return next({ ctx: { ...ctx, membership } });
    });
}

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.user.role !== "ADMIN") {
    throw toTRPCError(new AppError("FORBIDDEN", "Only platform administrators can do this."));
  }
  return next({ ctx });
});
