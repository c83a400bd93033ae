/**
 * The sync server as a child process of the benchmark runner, so that the load generator and the server do not share
 * one event loop. Options come as JSON in BENCH_SERVER_OPTIONS (StartOptions: storage, demo size, web roots, …); when
 * listening it sends `{ url, seconds }` over the IPC channel (seconds: open + migrate + seed). SIGTERM closes it
 * gracefully. Logs go to stdout at the server's default level, as in production.
 */
import { type StartOptions, startServer } from '../../../server/app';

const options = JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as StartOptions;
const started = performance.now();
const server = await startServer({ port: 0, ...options });
process.send?.({ url: server.url, seconds: (performance.now() - started) / 1000 });
const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
