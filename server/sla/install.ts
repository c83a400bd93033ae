import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { CHANGES_CHANNEL, parseChangeNote } from '../sync/changes';
import type { StreamHub } from '../sync/stream';
import { forwardEscalations } from './escalation-events';
import { SlaScheduler } from './scheduler';

export interface SlaOptions {
  /** Between scheduled SLA runs; 0 turns the scheduler off in this process (default 30 s). */
  slaIntervalMs?: number;
}

/**
 * Runs the SLA scheduler with the server: from ready until close, on its interval and soon after every ticket
 * change (the change notes every write sends). Escalation events reach this process's streams either way.
 */
export function installSlaScheduler(app: FastifyInstance, db: Database, hub: StreamHub, options: SlaOptions = {}) {
  const intervalMs = options.slaIntervalMs ?? 30_000;
  const scheduler = new SlaScheduler({ db, log: app.log, intervalMs });
  const stops: (() => Promise<void>)[] = [];
  app.addHook('onReady', async () => {
    stops.push(await forwardEscalations(db, hub));
    if (intervalMs <= 0) return;
    stops.push(
      await db.listen(CHANGES_CHANNEL, (payload) => {
        if (parseChangeNote(payload)?.c === 'tickets') scheduler.poke();
      }),
    );
    scheduler.start();
  });
  app.addHook('preClose', async () => {
    await scheduler.stop();
    for (const stop of stops.splice(0)) await stop().catch(() => undefined);
  });
  return scheduler;
}
