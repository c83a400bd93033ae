/**
 * The server-owned fields of a ticket (SERVER_OWNED_TICKET_FIELDS), computed on every write; whatever a client sent
 * for them is ignored.
 *
 * - `number`: assigned once, from the server's own sequence, on first write.
 * - `createdAt`: on creation, the client's time if it lies in the span the caller allows (`earliestCreatedAt`: a
 *   device's offline span, see offline-span.ts), else moved to the span's nearest end; never changed afterwards.
 * - `updatedAt`: the server's clock at the write.
 * - `firstResponseAt`: set when the first public comment by a staff member arrives (see push-comments.ts).
 * - `resolvedAt`: set when the status becomes resolved (or closed straight away), cleared on reopen.
 * - `sla` / `slaDueAt` / `slaWarnAt`: shared/sla/recompute.ts, the rule a workstation applies offline too: the policy
 *   is chosen for the queue on creation and on a queue move, pauses follow status changes, due times and breach flags
 *   are recomputed at the write.
 */
import type { Status } from '../../shared/domain/lifecycle';
import { emptySla, NO_DUE, type Ticket } from '../../shared/domain/ticket';
import { SlaConfigError } from '../../shared/sla/errors';
import { recomputeSla } from '../../shared/sla/recompute';
import { creationTime } from './offline-span';
import type { ReferenceData } from './reference';

const DONE: readonly Status[] = ['resolved', 'closed'];

export interface ServerFieldsInput {
  /** The client's document, already validated. */
  client: Ticket;
  /** The current master, or null on creation. */
  before: Ticket | null;
  /** The number to use on creation. */
  newNumber: number;
  now: Date;
  /** The earliest creation time a new ticket may keep (offline-span.ts). Default `now`: server time. */
  earliestCreatedAt?: Date;
  reference: ReferenceData;
  /** Told when the SLA configuration is unusable; the ticket is still written, without due times. */
  onSlaConfigError?: (error: SlaConfigError) => void;
}

export function withServerFields({
  client,
  before,
  newNumber,
  now,
  earliestCreatedAt,
  reference,
  onSlaConfigError,
}: ServerFieldsInput): Ticket {
  const nowIso = now.toISOString();
  const createdAt = before?.createdAt ?? creationTime(client.createdAt, earliestCreatedAt ?? now, now).createdAt;
  const wasDone = before !== null && DONE.includes(before.status);
  const isDone = DONE.includes(client.status);
  const resolvedAt = !isDone ? null : wasDone && before?.resolvedAt ? before.resolvedAt : nowIso;
  const ticket: Ticket = {
    ...client,
    number: before?.number ?? newNumber,
    createdAt,
    updatedAt: nowIso,
    firstResponseAt: before?.firstResponseAt ?? null,
    resolvedAt,
    sla: before?.sla ?? emptySla(''),
    slaDueAt: before?.slaDueAt ?? NO_DUE,
    slaWarnAt: before?.slaWarnAt ?? NO_DUE,
  };
  return withSla(ticket, before, now, reference, onSlaConfigError);
}

/**
 * Recomputes `sla`, `slaDueAt` and `slaWarnAt` of `ticket` (whose other fields are final) after a change from `before`
 * (shared/sla/recompute.ts). A configuration the engine cannot use leaves the ticket without due times.
 */
export function withSla(
  ticket: Ticket,
  before: Ticket | null,
  now: Date,
  reference: ReferenceData,
  onSlaConfigError?: (error: SlaConfigError) => void,
): Ticket {
  try {
    return recomputeSla(ticket, before, now, reference).ticket;
  } catch (error) {
    if (!(error instanceof SlaConfigError)) throw error;
    onSlaConfigError?.(error);
    return { ...ticket, slaDueAt: NO_DUE, slaWarnAt: NO_DUE };
  }
}
