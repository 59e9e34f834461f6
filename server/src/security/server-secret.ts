// The server's own secret: it seals the tracking token that emails carry and derives the tokens of
// reply and bounce addresses (secrets.ts). ECOUTE_SECRET gives it, the same on every process; an
// embedded install without one keeps a random one in its data directory, made on first start.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseTarget } from '../db/client.ts';

export async function resolveServerSecret(secret: string | undefined, database: DatabaseTarget): Promise<string> {
  if (secret) return secret;
  if (database.kind === 'postgres') {
    throw new Error(
      'ECOUTE_SECRET is required with DATABASE_URL (at least 32 characters, the same on every process): ' +
        'it seals the links that emails carry.',
    );
  }
  // In memory (tests), nothing outlives the process: neither may the secret.
  if (database.dataDir.startsWith('memory://')) return randomBytes(32).toString('base64url');
  const file = path.resolve(database.dataDir, 'secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = randomBytes(32).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  // `wx`: two first starts cannot both write one; the loser reads the winner's.
  await writeFile(file, `${made}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
