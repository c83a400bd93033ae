// Loads a TypeScript worker entry through tsx: each simulated workstation runs in its own worker thread, because
// RxDB's free edition allows 13 open collections per JavaScript realm and one store uses 10.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
