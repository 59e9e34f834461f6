// First start: an empty database gets the `demo` form and an admin (in the default team), as the public
// contract says.
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { count, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { forms, teamMembers, teams, users } from './schema/index.ts';

export interface SeedResult {
  /** Set only when the admin was created with a generated password, to be shown once. */
  generatedAdminPassword?: string;
  adminCreated: boolean;
}

export async function seedFirstStart(
  db: Database,
  admin: { email: string; password: string | undefined },
): Promise<SeedResult> {
  const [formCount] = await db.select({ n: count() }).from(forms);
  if (formCount?.n === 0) {
    await db
      .insert(forms)
      .values({ key: 'demo', name: 'Demo', allowedOrigins: ['*'], defaultLocale: 'en' })
      .onConflictDoNothing();
  }
  const [userCount] = await db.select({ n: count() }).from(users);
  if (userCount?.n !== 0) return { adminCreated: false };

  const password = admin.password ?? randomBytes(18).toString('base64url');
  const created = await db
    .insert(users)
    .values({ email: admin.email, name: 'Admin', role: 'admin', passwordHash: await hash(password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (created.length === 0) return { adminCreated: false };
  // The first admin works in the default team (the migrations made it), so the team view is theirs too.
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.isDefault, true));
  if (team) await db.insert(teamMembers).values({ teamId: team.id, userId: created[0]!.id });
  return admin.password ? { adminCreated: true } : { adminCreated: true, generatedAdminPassword: password };
}
