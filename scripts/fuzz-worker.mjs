// The entry of a fuzz worker thread: registers tsx in this thread (worker threads do not inherit the
// loader of `tsx scripts/fuzz.ts` on Node 20), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./fuzz-worker.ts');
