// Users, sessions and set-password links: plain functions over the database.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Role, User as ApiUser, UserChange } from '@ecoute/shared/agent-contract';
import type { Locale } from '@ecoute/shared/locale';
import type { Database } from './client.ts';
import type { Db } from './transaction.ts';
import { passwordTokens, sessions, users, type User } from './schema/index.ts';

export function toApiUser(user: User): ApiUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    available: user.available,
    passwordSet: user.passwordHash !== null,
    locale: user.locale,
  };
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return user;
}

export async function findUser(db: Database, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** Those of `ids` who are active users, with their names. */
export async function findActiveUsers(db: Db, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
}

export async function listUsers(db: Database): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.name), asc(users.id));
}

/** Creates a user without a password; `undefined` when the email is already taken. */
export async function createUser(
  db: Database,
  input: { email: string; name: string; role: Role },
): Promise<User | undefined> {
  const [user] = await db
    .insert(users)
    .values({ email: input.email.trim(), name: input.name.trim(), role: input.role })
    .onConflictDoNothing()
    .returning();
  return user;
}

export async function updateUser(db: Database, id: string, change: UserChange): Promise<User | undefined> {
  // Only these columns: the change comes from a request, and whatever else it carries (an email, a
  // password hash, an id) must not reach the row.
  const set = {
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
  };
  if (Object.keys(set).length === 0) return findUser(db, id);
  return db.transaction(async (tx) => {
    const [user] = await tx.update(users).set(set).where(eq(users.id, id)).returning();
    // A deactivated user is signed out everywhere at once, and their unused links end with it.
    if (user && !user.active) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await tx.delete(passwordTokens).where(eq(passwordTokens.userId, id));
    }
    return user;
  });
}

/** The language a user chose for the interface (and emails to them); the user, or undefined if unknown. */
export async function setUserLocale(db: Database, id: string, locale: Locale): Promise<User | undefined> {
  const [user] = await db.update(users).set({ locale }).where(eq(users.id, id)).returning();
  return user;
}

export async function createSession(
  db: Database,
  session: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(session);
}

/** The live session behind a token hash, with its (active) user. */
export async function findSession(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)))
    .limit(1);
  return row;
}

/** Which of these sessions are still live (not ended, not expired, their user active): one query for many. */
export async function findLiveSessions(db: Database, tokenHashes: string[]): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.tokenHash, tokenHashes), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)));
  return new Set(rows.map((row) => row.tokenHash));
}

export async function extendSession(db: Database, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/**
 * Makes a new set-password link for an active user and ends their unused earlier ones, in one
 * transaction; the user row is locked so that a deactivation cannot slip in between. A password
 * already set stays until the link is spent. Returns the user, `'deactivated'` (no link made), or
 * `undefined` when there is no such user.
 */
export async function replacePasswordToken(
  db: Database,
  token: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<User | 'deactivated' | undefined> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, token.userId)).for('update');
    if (!user) return undefined;
    if (!user.active) return 'deactivated';
    await tx.delete(passwordTokens).where(eq(passwordTokens.userId, user.id));
    await tx.insert(passwordTokens).values(token);
    return user;
  });
}

/**
 * Spends a set-password link: sets the password, signs the user out everywhere and ends any other
 * link of theirs, in one transaction. Returns false when the link is unknown, used or expired.
 */
export async function setPasswordWithToken(db: Database, tokenHash: string, passwordHash: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .delete(passwordTokens)
      .where(and(eq(passwordTokens.tokenHash, tokenHash), gt(passwordTokens.expiresAt, sql`now()`)))
      .returning({ userId: passwordTokens.userId });
    if (!spent) return false;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, spent.userId));
    await tx.delete(sessions).where(eq(sessions.userId, spent.userId));
    await tx.delete(passwordTokens).where(eq(passwordTokens.userId, spent.userId));
    return true;
  });
}
