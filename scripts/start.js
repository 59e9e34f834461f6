// `npm start`: builds what is missing or stale, then runs the compiled server in this same process
// (one Node start, no TypeScript loader).
import { buildStale } from './build-stale.js';

try {
  buildStale();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
await import('../server/dist/server.js');
