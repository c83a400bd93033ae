/**
 * `npm run server [-- flags]`: the sync server as a process (flags in config.ts). Stops gracefully on SIGINT/SIGTERM:
 * no new requests, in-flight ones finish, live streams end, the database closes; a second signal exits at once.
 */
import { startServer } from './app';
import { configFrom } from './config';
import { describeStorage } from './db/open';

async function main(): Promise<void> {
  const options = configFrom(process.argv.slice(2), process.env);
  // A real desk needs an admin to be managed; the demo desk brings its own.
  const server = await startServer({ ...options, requireAdmin: !options.demo });
  const log = server.app.log;
  log.info(
    {
      url: server.url,
      storage: describeStorage(options),
      demo: Boolean(options.demo),
      tls: Boolean(options.tls),
      trustProxy: options.trustProxy ?? [],
    },
    'sync server ready',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
