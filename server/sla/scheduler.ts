/**
 * The authoritative SLA clock: evaluates tickets with the shared engine on a schedule and after every ticket change,
 * and persists what changed through the normal write path, so reports and supervisors see due times, breaches and
 * escalations even when no workstation is open.
 *
 * Each run (`runOnce(now)`):
 * 1. takes the lease (several server processes: one evaluates at a time; exactly-once does not depend on it);
 * 2. evaluates every ticket changed since the cursor (the change sequence: new tickets, status changes, pauses,
 *    priority changes, first responses), then every ticket whose watched next check is due — nothing else, so a run
 *    over 100k idle tickets reads only the few that are due;
 * 3. writes a ticket only when its SLA fields change (breach flags, due times, escalations, raised priority): in its
 *    own transaction, re-read under lock and re-evaluated, so a threshold already recorded by a concurrent run is
 *    never recorded again; with an audit event per escalation and a stream event to the queue's supervisors;
 * 4. stores each evaluated ticket's next check instant (sla_watch) and advances the cursor.
 * Tickets whose SLA cannot be computed (broken configuration) are logged and left alone until they change.
 */
import { randomUUID } from 'node:crypto';
import { SLA_ACTOR } from '../../shared/domain/audit';
import type { Ticket } from '../../shared/domain/ticket';
import { SlaConfigError } from '../../shared/sla/errors';
import type { Database } from '../db/database';
import { PeriodicRun } from '../jobs/periodic-run';
import { auditEvent } from '../sync/audit';
import { loadReferenceData, type ReferenceData } from '../sync/reference';
import { updateTicket } from '../ticket-writes/write';
import { publishEscalation } from './escalation-events';
import { evaluateTicketSla, type SlaActions, type SlaOutcome } from './evaluate';
import {
  changedTickets,
  dueTickets,
  loadPolicyActions,
  releaseLease,
  saveCursor,
  saveWatch,
  takeLease,
  type WatchRow,
} from './store';

export { SLA_ACTOR };

const DEVICE = 'sla-scheduler';

export interface SchedulerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SchedulerOptions {
  db: Database;
  log: SchedulerLog;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  /** Between scheduled runs (default 30 s). */
  intervalMs?: number;
  /** Tickets read per page (default 500). */
  pageSize?: number;
}

export interface RunSummary {
  /** False when another process holds the lease. */
  ran: boolean;
  evaluated: number;
  written: number;
  escalations: number;
}

export class SlaScheduler {
  private readonly owner = `sla-${randomUUID()}`;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly pageSize: number;
  private readonly periodic: PeriodicRun;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 30_000;
    this.pageSize = options.pageSize ?? 500;
    this.periodic = new PeriodicRun(() => this.runOnce(), {
      intervalMs: this.intervalMs,
      pokeDelayMs: 50,
      onError: (error) => options.log.error({ err: error }, 'SLA run failed'),
    });
  }

  /** Runs now and then every interval until `stop`. */
  start(): void {
    this.periodic.start();
  }

  /** Something changed: run soon (coalesced with a run in progress). */
  poke(): void {
    this.periodic.poke();
  }

  async stop(): Promise<void> {
    await this.periodic.stop();
    await releaseLease(this.options.db, this.owner).catch(() => undefined);
  }

  /** One pass over changed and due tickets at the current time. */
  async runOnce(): Promise<RunSummary> {
    const { db } = this.options;
    const nowMs = this.now();
    const summary: RunSummary = { ran: false, evaluated: 0, written: 0, escalations: 0 };
    const cursor = await takeLease(db, this.owner, nowMs, nowMs + Math.max(3 * this.intervalMs, 60_000));
    if (cursor === null) return summary;
    summary.ran = true;
    const reference = await loadReferenceData(db);
    const actions = await loadPolicyActions(db);
    const pass = { reference, actions, nowMs, summary };

    let position = cursor;
    for (;;) {
      const page = await changedTickets(db, position, this.pageSize);
      await this.evaluatePage(page.tickets, pass);
      position = page.next;
      await saveCursor(db, this.owner, position);
      if (page.tickets.length < this.pageSize) break;
    }
    // Every evaluated ticket's next check lies in the future, so this ends; the bound is a guard against a bug.
    for (let round = 0; round < 10_000; round += 1) {
      const due = await dueTickets(db, nowMs, this.pageSize);
      await this.evaluatePage(due, pass);
      if (due.length < this.pageSize) break;
    }
    if (summary.written > 0) {
      this.options.log.info({ ...summary }, 'SLA run wrote changes');
    }
    return summary;
  }

  private async evaluatePage(tickets: readonly Ticket[], pass: Pass): Promise<void> {
    const watch: WatchRow[] = [];
    for (const ticket of tickets) {
      pass.summary.evaluated += 1;
      const outcome = this.evaluate(ticket, pass);
      if (outcome === null) {
        watch.push({ ticketId: ticket.id, nextAt: null });
      } else if (outcome.changed) {
        await this.write(ticket.id, pass);
      } else {
        watch.push({ ticketId: ticket.id, nextAt: outcome.nextCheckAt });
      }
    }
    await saveWatch(this.options.db, watch);
  }

  private evaluate(ticket: Ticket, pass: Pass): SlaOutcome | null {
    try {
      return evaluateTicketSla(ticket, pass.reference, pass.actions, pass.nowMs);
    } catch (error) {
      if (!(error instanceof SlaConfigError)) throw error;
      this.options.log.warn({ ticketId: ticket.id, reason: error.message }, 'SLA not evaluated');
      return null;
    }
  }

  /** Re-reads the ticket under lock and writes what the evaluation changes, in one transaction. */
  private async write(ticketId: string, pass: Pass): Promise<void> {
    const { db } = this.options;
    await db.transaction(async (tx) => {
      const found = await tx.query<{ doc: Ticket }>(
        'SELECT doc FROM tickets WHERE id = $1 AND NOT deleted FOR UPDATE',
        [ticketId],
      );
      const before = found.rows[0]?.doc;
      if (!before) return;
      const outcome = this.evaluate(before, pass);
      await saveWatch(tx, [{ ticketId, nextAt: outcome?.nextCheckAt ?? null }]);
      if (outcome?.changed) {
        const at = outcome.after.updatedAt;
        await updateTicket(db, tx, before, outcome.after, { actorId: SLA_ACTOR, deviceId: DEVICE }, (seq) =>
          outcome.crossed.map((escalation) =>
            auditEvent({
              seq,
              entity: 'ticket',
              entityId: before.id,
              ticketId: before.id,
              action: escalation.percent >= 100 ? 'breach' : 'escalate',
              actorId: SLA_ACTOR,
              deviceId: DEVICE,
              at,
              changes: [
                { field: `sla.${escalation.clock}`, from: null, to: `${escalation.percent}%` },
                // The priority this breach raised (policy action), on the event that explains it.
                ...(escalation.raised
                  ? [{ field: 'priority', from: escalation.raised.from, to: escalation.raised.to }]
                  : []),
              ],
            }),
          ),
        );
        for (const escalation of outcome.crossed) {
          await publishEscalation(db, tx, {
            ticketId: before.id,
            queueId: before.queueId,
            assigneeId: before.assigneeId,
            clock: escalation.clock,
            percent: escalation.percent,
            ...(escalation.raised ? { raised: escalation.raised } : {}),
          });
        }
        pass.summary.written += 1;
        pass.summary.escalations += outcome.crossed.length;
      }
    });
  }
}

interface Pass {
  reference: ReferenceData;
  actions: SlaActions;
  nowMs: number;
  summary: RunSummary;
}
