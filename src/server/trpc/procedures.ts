import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { findMembership, findProviderForUser } from "./access-repository";
import { databaseUnavailableError, toTRPCError } from "./error-map";
import { t } from "./init";
import { requestLog } from "./middleware";

export type MembershipRole = "OWNER" | "ADMIN" | "MANAGER" | "STAFF";

/** Higher rank includes every permission of the lower ones. */
export const MEMBERSHIP_RANK: Record<MembershipRole, number> = { STAFF: 1, MANAGER: 2, ADMIN: 3, OWNER: 4 };

/**
 * Use cases throw AppError; this is the only place it becomes a TRPCError. A database that
 * cannot be reached becomes UNAVAILABLE (503, retryable) instead of an internal error.
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw toTRPCError(result.error.cause);
  }
  if (!result.ok && isDatabaseUnavailableError(result.error.cause)) {
    throw toTRPCError(databaseUnavailableError(result.error.cause));
  }
  return result;
});

export const publicProcedure = t.procedure.use(requestLog).use(appErrors);

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

const NOT_APPROVED_MESSAGES: Record<string, string> = {
  PENDING: "Your provider profile is waiting for verification. You can look at your profile, schedule and bookings, and make changes once it is approved.",
  REJECTED: "Your provider profile was not approved, so it cannot be changed or take bookings. Please contact support if you think this is a mistake.",
  SUSPENDED: "Your provider profile is suspended, so it cannot be changed or act on bookings. Please contact support.",
};

/**
 * Changes to a provider's schedule, services, settings and bookings: only while the profile is
 * APPROVED. Pending, rejected and suspended providers keep read access (providerProcedure):
 * their profile, services, schedule and bookings list.
 */
export const approvedProviderProcedure = providerProcedure.use(({ ctx, next }) => {
  if (ctx.provider.status !== "APPROVED") {
    const message = NOT_APPROVED_MESSAGES[ctx.provider.status] ?? "Your provider profile is not approved, so it cannot be changed.";
    throw toTRPCError(new AppError("FORBIDDEN", message));
  }
  return next({ ctx });
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
