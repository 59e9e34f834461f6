// Folds the customers' words after commits (db/words.repo.ts): every FOLD_MS, each process tries; the
// one holding the lock folds what the backlog holds, the others leave it alone. Readers never wait for
// a fold: they add what is still in the backlog. One fold a tick, more only while the batches come
// full: a fold's cost is mostly its terms' rows, the same for a few messages as for a second's worth,
// so folding again as soon as a few more arrived cost a busy server half a core (bench/RESULTS.md).
import fp from 'fastify-plugin';
import { FOLD_BATCH, foldWords } from '../../db/words.repo.ts';

const FOLD_MS = 1_000;

export default fp(
  async (fastify) => {
    const { db } = fastify;
    let folding: Promise<void> | undefined;
    const fold = async () => {
      try {
        while ((await foldWords(db)) === FOLD_BATCH);
      } catch (err) {
        fastify.log.warn({ err }, 'could not fold the customers’ words');
      }
    };
    const folder = setInterval(() => {
      folding ??= fold().finally(() => {
        folding = undefined;
      });
    }, FOLD_MS);
    folder.unref();
    // Before the database plugin closes (onClose hooks run last-registered first).
    fastify.addHook('onClose', async () => {
      clearInterval(folder);
      await folding;
    });
  },
  { name: 'words', dependencies: ['database'] },
);
