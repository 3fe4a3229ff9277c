import { and, eq, isNull, sql } from "drizzle-orm";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { Database } from "@/server/db/client";
import { accounts, calendarConnections, sessions, users, verificationTokens } from "@/server/db/schema";
import { calendarConnectionTokenContext, type TokenCipher, type TokenContext } from "./token-crypto";

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

const TOKEN_COLUMNS = [
  { field: "access_token", column: "accessToken" },
  { field: "refresh_token", column: "refreshToken" },
  { field: "id_token", column: "idToken" },
] as const satisfies readonly { field: TokenContext["field"]; column: keyof typeof accounts.$inferSelect }[];

const CALENDAR_TOKEN_COLUMNS = [
  { field: "access_token", column: "accessToken" },
  { field: "refresh_token", column: "refreshToken" },
] as const;

type AccountKey = { provider: string; providerAccountId: string };

export interface AuthRepository extends Adapter {
  storeAccountTokens(account: AdapterAccount | (AccountKey & Record<string, unknown>)): Promise<void>;
  /** Records that the provider verified the user's address, if it is still the user's address. */
  markEmailVerified(input: { userId: string; email: string; verifiedAt: Date }): Promise<void>;
}

/**
 * next-auth's persistence, on our Drizzle schema. OAuth tokens are sealed with the token cipher,
 * bound to their account row and column, before they reach the database; nothing here logs them.
 */
export function createAuthRepository(db: Database, cipher: TokenCipher): AuthRepository {
  const seal = (value: unknown, account: AccountKey, field: TokenContext["field"]) =>
    typeof value === "string" && value
      ? cipher.encrypt(value, { provider: account.provider, providerAccountId: account.providerAccountId, field })
      : null;

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
        accessToken: seal(account.access_token, account, "access_token"),
        refreshToken: seal(account.refresh_token, account, "refresh_token"),
        idToken: seal(account.id_token, account, "id_token"),
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
      for (const { field, column } of TOKEN_COLUMNS) {
        const sealed = seal(account[field], account, field);
        if (sealed) patch[column] = sealed;
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
    async markEmailVerified({ userId, email, verifiedAt }) {
      // Only the address Google vouched for, and only once: a later change of address at
      // Google does not verify the one we hold.
      await db
        .update(users)
        .set({ emailVerified: verifiedAt })
        .where(and(eq(users.id, userId), sql`lower(${users.email}) = lower(${email})`, isNull(users.emailVerified)));
    },
  };
}

export interface TokenRotationReport {
  accounts: number;
  /** Connected Google calendar accounts (calendar_connections), rotated in the same run. */
  calendarConnections: number;
  rewritten: number;
  alreadyCurrent: number;
}

/**
 * Rewrites every stored OAuth token with the cipher's write key, in one transaction with the
 * account rows locked, so a concurrent sign-in cannot interleave. Idempotent: tokens already
 * under the write key are left as they are. Any token that no configured key opens aborts the
 * whole run (nothing is half-rotated) with a count, never the token.
 */
export async function reencryptStoredTokens(db: Database, cipher: TokenCipher): Promise<TokenRotationReport> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(accounts).orderBy(accounts.provider, accounts.providerAccountId).for("update");
    const connections = await tx.select().from(calendarConnections).orderBy(calendarConnections.id).for("update");
    const report: TokenRotationReport = { accounts: rows.length, calendarConnections: connections.length, rewritten: 0, alreadyCurrent: 0 };
    let unreadable = 0;
    for (const row of connections) {
      const patch: Partial<typeof calendarConnections.$inferInsert> = {};
      for (const { field, column } of CALENDAR_TOKEN_COLUMNS) {
        const sealed = row[column];
        if (!sealed) continue;
        if (!cipher.needsRotation(sealed)) {
          report.alreadyCurrent += 1;
          continue;
        }
        const context = calendarConnectionTokenContext(row.id, field);
        try {
          patch[column] = cipher.encrypt(cipher.decrypt(sealed, context), context);
          report.rewritten += 1;
        } catch {
          unreadable += 1;
        }
      }
      if (Object.keys(patch).length > 0) await tx.update(calendarConnections).set(patch).where(eq(calendarConnections.id, row.id));
    }
    for (const row of rows) {
      const patch: Partial<typeof accounts.$inferInsert> = {};
      for (const { field, column } of TOKEN_COLUMNS) {
        const sealed = row[column];
        if (!sealed) continue;
        if (!cipher.needsRotation(sealed)) {
          report.alreadyCurrent += 1;
          continue;
        }
        const context = { provider: row.provider, providerAccountId: row.providerAccountId, field };
        let plaintext: string;
        try {
          plaintext = sealed.startsWith("v1.") ? cipher.decryptLegacy(sealed) : cipher.decrypt(sealed, context);
        } catch {
          unreadable += 1;
          continue;
        }
        patch[column] = cipher.encrypt(plaintext, context);
        report.rewritten += 1;
      }
      if (Object.keys(patch).length > 0) {
        await tx
          .update(accounts)
          .set(patch)
          .where(and(eq(accounts.provider, row.provider), eq(accounts.providerAccountId, row.providerAccountId)));
      }
    }
    if (unreadable > 0) throw new TokenRotationError(unreadable);
    return report;
  });
}

export class TokenRotationError extends Error {
  constructor(readonly unreadable: number) {
    super(
      `${unreadable} stored token(s) could not be decrypted with TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_PREVIOUS_KEYS; nothing was changed. Add the key that wrote them to TOKEN_ENCRYPTION_PREVIOUS_KEYS and run again.`,
    );
    this.name = "TokenRotationError";
  }
}
