import { and, eq, sql } from "drizzle-orm";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { Database } from "@/server/db/client";
import { accounts, sessions, users, verificationTokens } from "@/server/db/schema";
import type { TokenCipher } from "./token-crypto";

type UserRow = typeof users.$inferSelect;

function toAdapterUser(row: UserRow): AdapterUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    emailVerified: row.emailVerified,
    image: row.image,
    role: row.role,
  };
}

const TOKEN_FIELDS = ["access_token", "refresh_token", "id_token"] as const;

/**
 * next-auth's persistence, on our Drizzle schema. OAuth tokens are sealed with the token cipher
 * before they reach the database; nothing in this file logs them.
 */
export function createAuthRepository(db: Database, cipher: TokenCipher): Adapter & {
  storeAccountTokens(account: AdapterAccount | { provider: string; providerAccountId: string } & Record<string, unknown>): Promise<void>;
} {
  const seal = (value: unknown) => (typeof value === "string" && value ? cipher.encrypt(value) : null);

  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const [row] = await db
        .insert(users)
        .values({
          name: user.name ?? null,
          email: user.email,
          emailVerified: user.emailVerified ?? null,
          image: user.image ?? null,
        })
        .returning();
      return toAdapterUser(row!);
    },
    async getUser(id) {
      const row = await db.query.users.findFirst({ where: eq(users.id, id) });
      return row ? toAdapterUser(row) : null;
    },
    async getUserByEmail(email) {
      const row = await db.query.users.findFirst({
        where: sql`lower(${users.email}) = lower(${email})`,
      });
      return row ? toAdapterUser(row) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const [row] = await db
        .select({ user: users })
        .from(accounts)
        .innerJoin(users, eq(users.id, accounts.userId))
        .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
        .limit(1);
      return row ? toAdapterUser(row.user) : null;
    },
    async updateUser(user) {
      const [row] = await db
        .update(users)
        .set({
          ...(user.name !== undefined && { name: user.name }),
          ...(user.email !== undefined && { email: user.email }),
          ...(user.emailVerified !== undefined && { emailVerified: user.emailVerified }),
          ...(user.image !== undefined && { image: user.image }),
        })
        .where(eq(users.id, user.id))
        .returning();
      if (!row) throw new Error("User to update does not exist");
      return toAdapterUser(row);
    },
    async linkAccount(account: AdapterAccount) {
      await db.insert(accounts).values({
        userId: account.userId,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        accessToken: seal(account.access_token),
        refreshToken: seal(account.refresh_token),
        idToken: seal(account.id_token),
        expiresAt: account.expires_at ?? null,
        tokenType: account.token_type ?? null,
        scope: account.scope ?? null,
        sessionState: typeof account.session_state === "string" ? account.session_state : null,
      });
    },
    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await db
        .delete(accounts)
        .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
    },
    async createSession(session) {
      const [row] = await db.insert(sessions).values(session).returning();
      return row!;
    },
    async getSessionAndUser(sessionToken) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.sessionToken, sessionToken))
        .limit(1);
      return row ? { session: row.session, user: toAdapterUser(row.user) } : null;
    },
    async updateSession(session) {
      const [row] = await db
        .update(sessions)
        .set({ ...(session.expires && { expires: session.expires }) })
        .where(eq(sessions.sessionToken, session.sessionToken))
        .returning();
      return row ?? null;
    },
    async deleteSession(sessionToken) {
      await db.delete(sessions).where(eq(sessions.sessionToken, sessionToken));
    },
    async createVerificationToken(token) {
      const [row] = await db.insert(verificationTokens).values(token).returning();
      return row ?? null;
    },
    async useVerificationToken({ identifier, token }) {
      const [row] = await db
        .delete(verificationTokens)
        .where(and(eq(verificationTokens.identifier, identifier), eq(verificationTokens.token, token)))
        .returning();
      return row ?? null;
    },
    /**
     * next-auth writes tokens only when it first links an account. Google sends a refresh
     * token only on consent, so later sign-ins merge new tokens over the stored ones and keep
     * the old refresh token when none came.
     */
    async storeAccountTokens(account) {
      const patch: Partial<typeof accounts.$inferInsert> = {};
      for (const field of TOKEN_FIELDS) {
        const sealed = seal(account[field]);
        if (!sealed) continue;
        if (field === "access_token") patch.accessToken = sealed;
        if (field === "refresh_token") patch.refreshToken = sealed;
        if (field === "id_token") patch.idToken = sealed;
      }
      if (typeof account.expires_at === "number") patch.expiresAt = account.expires_at;
      if (typeof account.scope === "string") patch.scope = account.scope;
      if (Object.keys(patch).length === 0) return;
      await db
        .update(accounts)
        .set(patch)
        .where(
          and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)),
        );
    },
  };
}
