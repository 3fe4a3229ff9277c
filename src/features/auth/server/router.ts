import { publicProcedure, router } from "@/server/trpc";

export const authRouter = router({
  /** The signed-in user as the UI needs it, or null for a visitor. */
  me: publicProcedure.query(({ ctx }) =>
    ctx.session
      ? { id: ctx.session.user.id, name: ctx.session.user.name ?? null, email: ctx.session.user.email ?? null, role: ctx.session.user.role }
      : null,
  ),
});
