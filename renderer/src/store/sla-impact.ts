import { type Clock, ticketLabel } from '../../../shared/domain/ticket';
import { withoutLocalFields } from '../../../shared/rxdb/schemas';
import { breachedByChange } from '../../../shared/sla';
import { applyPatch, type TicketPatch } from './actions';
import type { StoreDatabase } from './database';
import { evaluateLocally } from './local-sla';

/** A clock that a change would breach the moment it is made. */
export interface BreachAtOnce {
  ticketId: string;
  label: string;
  clock: Clock;
  /** Business ms the clock allows after the change. */
  targetMs: number;
  /** Business ms already counted. */
  elapsedMs: number;
}

/**
 * What `patch` (priority, impact, urgency or queue) would breach at once on each of `ids`, judged by the same engine
 * and policy choice the write itself uses (local-sla.ts), before and after, at one instant. Asked before a change is
 * committed, so the user can decide knowing it; tickets not on this workstation are skipped (the write refuses them).
 */
export async function breachesAtOnce(
  db: StoreDatabase,
  ids: readonly string[],
  patch: TicketPatch,
  now: Date,
): Promise<BreachAtOnce[]> {
  const found: BreachAtOnce[] = [];
  for (const id of ids) {
    const doc = await db.tickets.findOne(id).exec();
    if (!doc) continue;
    const current = withoutLocalFields('tickets', doc.toMutableJSON());
    const before = (await evaluateLocally(db, current, current, now)).evaluation;
    const after = (await evaluateLocally(db, applyPatch(current, patch), current, now)).evaluation;
    if (!before || !after) continue;
    for (const clock of breachedByChange(before, after)) {
      found.push({
        ticketId: id,
        label: ticketLabel(current),
        clock: clock.clock,
        targetMs: clock.targetMs,
        elapsedMs: clock.elapsedMs,
      });
    }
  }
  return found;
}
