import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { logCrashes } from './logging';

describe('crash logging', () => {
  it('writes uncaught errors, rejections and dead processes to the log', () => {
    const processLike = new EventEmitter();
    const app = new EventEmitter();
    const logger = { error: vi.fn() };
    // Event emitters with the events logCrashes listens to; the real ones need a running Electron.
    logCrashes(processLike as unknown as NodeJS.Process, app as unknown as App, logger);

    const boom = new Error('boom');
    processLike.emit('uncaughtException', boom);
    expect(logger.error).toHaveBeenLastCalledWith('Uncaught exception in main:', boom);
    processLike.emit('unhandledRejection', 'nope');
    expect(logger.error).toHaveBeenLastCalledWith('Unhandled rejection in main:', 'nope');
    app.emit(
      'render-process-gone',
      {},
      { getURL: () => 'app://workstation/index.html' },
      { reason: 'crashed', exitCode: 11 },
    );
    expect(logger.error).toHaveBeenLastCalledWith(
      'Renderer gone (crashed, exit code 11) at app://workstation/index.html',
    );
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'oom', exitCode: 9, name: undefined });
    expect(logger.error).toHaveBeenLastCalledWith('GPU process gone (oom, exit code 9)', '');
  });
});
