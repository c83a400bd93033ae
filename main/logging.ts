import type { App, RenderProcessGoneDetails } from 'electron';

export interface ErrorLogger {
  error(...parts: unknown[]): void;
}

/**
 * Everything that can go wrong outside a try/catch ends up in the log file: main's uncaught errors and rejections,
 * renderers and helper processes that die.
 */
export function logCrashes(processLike: Pick<NodeJS.Process, 'on'>, app: Pick<App, 'on'>, logger: ErrorLogger): void {
  processLike.on('uncaughtException', (error) => logger.error('Uncaught exception in main:', error));
  processLike.on('unhandledRejection', (reason) => logger.error('Unhandled rejection in main:', reason));
  app.on('render-process-gone', (_event, contents, details: RenderProcessGoneDetails) =>
    logger.error(`Renderer gone (${details.reason}, exit code ${details.exitCode}) at ${contents.getURL()}`),
  );
  app.on('child-process-gone', (_event, details) =>
    logger.error(`${details.type} process gone (${details.reason}, exit code ${details.exitCode})`, details.name ?? ''),
  );
}
