// A process that works the test jobs on a database, for the crash suite: started with
// `node --import tsx tests/jobs/worker-process.ts`, the database target as JSON in JOBS_TARGET, and
// JOBS_SEND=1 to send one `test.slow` job once its worker runs. It reports on stdout, one line each:
// `sent <id>`, `started <id> <retryCount>`, `completed <id> <retryCount>`. A first attempt never
// finishes (the suite kills the process during it); a retry completes.
import { openQueue } from './queues.ts';

const queue = await openQueue(JSON.parse(process.env.JOBS_TARGET!));
queue.runner.queue.work(
  'test.slow',
  async (_data, job) => {
    console.log(`started ${job.id} ${job.retryCount}`);
    if (job.retryCount === 0) await new Promise(() => {});
    console.log(`completed ${job.id} ${job.retryCount}`);
  },
  { pollingIntervalSeconds: 0.5 },
);
await queue.runner.startWorkers();
if (process.env.JOBS_SEND === '1') {
  console.log(`sent ${await queue.runner.queue.send(queue.connection.db, 'test.slow', { label: 'killed in flight' })}`);
}
process.on('SIGTERM', () => void queue.close().then(() => process.exit(0)));
