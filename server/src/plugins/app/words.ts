// Folds the customers' words after commits (db/words.repo.ts): every FOLD_MS, each process tries; the
// one holding the lock folds the backlog batch after batch, the others leave it alone. Readers never
// wait for a fold: they add what is still in the backlog.
import fp from 'fastify-plugin';
import { foldWords } from '../../db/words.repo.ts';

const FOLD_MS = 1_000;

export default fp(
  async (fastify) => {
    const { db } = fastify;
    let folding: Promise<void> | undefined;
    const fold = async () => {
      try {
        while ((await foldWords(db)) > 0);
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
