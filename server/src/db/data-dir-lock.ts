// PGlite has no lock of its own: two processes on one data directory would corrupt it.
// The lock goes stale a few seconds after its holder dies, so a crash never blocks a restart for long.
import lockfile from 'proper-lockfile';
import path from 'node:path';

const STALE_MS = 5_000;

export async function lockDataDir(dataDir: string, onLockLost: (error: Error) => void): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'ecoute.lock'),
      stale: STALE_MS,
      update: 1_000,
      // Long enough to outlive the stale lock of a process that has just crashed.
      retries: { retries: 7, minTimeout: 1_000, maxTimeout: 1_000 },
      onCompromised: onLockLost,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new Error(
        `Another Ecoute process is using the data directory ${dataDir}. ` +
          'Stop it first, or set ECOUTE_DATA_DIR to another directory.',
      );
    }
    throw error;
  }
}
