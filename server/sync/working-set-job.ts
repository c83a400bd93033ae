/**
 * Runs `ageWorkingSet` (working-set.ts) with the server: when it is ready, every `intervalMs` after, and at once when
 * an admin changes the setting (`poke`). Runs never overlap in a process; across processes the working-set row's
 * lock keeps them apart.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { ageWorkingSet } from './working-set';

export interface WorkingSetJobOptions {
  /** Between runs; 0 turns the job off in this process (default 10 minutes). */
  workingSetIntervalMs?: number;
}

export function installWorkingSetJob(app: FastifyInstance, db: Database, options: WorkingSetJobOptions = {}) {
  const intervalMs = options.workingSetIntervalMs ?? 10 * 60_000;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = ageWorkingSet(db, new Date())
      .then((outcome) => {
        if (outcome.left + outcome.returned > 0) app.log.info(outcome, 'working set moved');
      })
      .catch((error: unknown) => app.log.warn({ err: error }, 'could not move the working set; trying again later'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };

  app.addHook('onReady', async () => {
    if (intervalMs <= 0) return;
    stopped = false;
    run();
    timer = setInterval(run, intervalMs);
    timer.unref();
  });
  app.addHook('preClose', async () => {
    stopped = true;
    if (timer) clearInterval(timer);
    await running;
  });
  return { poke: run };
}
