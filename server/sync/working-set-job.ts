/**
 * Runs `ageWorkingSet` (working-set.ts) with the server (jobs/periodic-run.ts): when it is ready, `intervalMs` after
 * each run, and at once when an admin changes the setting (`poke`). Runs never overlap in a process; across processes
 * the working-set row's lock keeps them apart.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { PeriodicRun } from '../jobs/periodic-run';
import { ageWorkingSet } from './working-set';

export interface WorkingSetJobOptions {
  /** Between runs; 0 turns the job off in this process (default 10 minutes). */
  workingSetIntervalMs?: number;
}

export function installWorkingSetJob(app: FastifyInstance, db: Database, options: WorkingSetJobOptions = {}) {
  const intervalMs = options.workingSetIntervalMs ?? 10 * 60_000;
  const job = new PeriodicRun(
    async () => {
      const outcome = await ageWorkingSet(db, new Date());
      if (outcome.left + outcome.returned > 0) app.log.info(outcome, 'working set moved');
    },
    {
      intervalMs,
      pokeDelayMs: 0,
      onError: (error) => app.log.warn({ err: error }, 'could not move the working set; trying again later'),
    },
  );
  app.addHook('onReady', async () => {
    if (intervalMs > 0) job.start();
  });
  app.addHook('preClose', () => job.stop());
  return { poke: () => job.poke() };
}
