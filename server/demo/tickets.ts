/**
 * Demo tickets and comments: deterministic for a given seed, spread over all states, with timelines relative to
 * `now`. The desk looks healthy, as a real one that keeps up: each open ticket's running clock has used a share of
 * its target drawn from CLOCK_SHARES (in business time, so it holds whatever the hour and weekday), which leaves a
 * few percent breached and a handful in warning; resolved tickets were mostly resolved in time. SLA fields come
 * from the shared SLA engine, like every ticket the server writes.
 */
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Comment } from '../../shared/domain/comment';
import type { Status } from '../../shared/domain/lifecycle';
import { type Level, priorityFrom } from '../../shared/domain/priority';
import type { Queue } from '../../shared/domain/queue';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import { emptySla, type Pause, type Ticket } from '../../shared/domain/ticket';
import type { TicketType } from '../../shared/domain/ticket-type';
import type { User } from '../../shared/domain/user';
import { addBusinessMs, businessMsBetween } from '../../shared/sla/calendar-time';
import { choosePolicy, computeTicketSla, crossedEscalations } from '../../shared/sla/ticket-sla';
import { QUEUE } from './base-data';
import { DESCRIPTIONS, INCIDENT_TITLES, INTERNAL_NOTES, REQUESTER_REPLIES, STAFF_REPLIES, TAGS } from './content';
import type { Prng } from './prng';

export interface DemoDesk {
  now: Date;
  queues: Queue[];
  policies: SlaPolicy[];
  calendars: BusinessCalendar[];
  catalog: ServiceCatalogItem[];
  users: User[];
}

/** A generated ticket before the server numbers it. */
export interface DemoTicket {
  ticket: Omit<Ticket, 'number'>;
  comments: Comment[];
  /** Who created it (audit). */
  creatorId: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * How far an open ticket's running clock has got, as a share of its target, per mille of open tickets: most well
 * inside it, a handful past the warning share (75 % or 80 % in the demo policies), a few percent breached.
 */
const CLOCK_SHARES = { ok: 958, warning: 14, breached: 28 } as const;
/** A clock that stopped (first response, resolution) stopped in time this often. */
const MET_SHARE = 0.93;

const STATUS_WEIGHTS: Record<Status, number> = { new: 8, open: 22, pending: 9, on_hold: 5, resolved: 18, closed: 38 };
const ACTIVE_WEIGHTS = { new: 8, open: 22, pending: 9, on_hold: 5 } as const;

/**
 * A desk with years behind it (the working set's benchmark): this share of its tickets active, and its closed ones
 * spread over `days` back. Without it, 44 % are active and the closed ones are 3 to 60 days old.
 */
export interface DemoHistory {
  days: number;
  activeShare: number;
}
const QUEUE_WEIGHTS: Record<string, number> = {
  [QUEUE.serviceDesk]: 45,
  [QUEUE.network]: 20,
  [QUEUE.hardware]: 20,
  [QUEUE.field]: 15,
};
const TYPE_WEIGHTS: Record<TicketType, number> = { incident: 55, service_request: 35, problem: 5, change: 5 };

export class DemoTicketFactory {
  private readonly requesters: User[];
  private readonly staffByQueue = new Map<string, User[]>();
  private readonly technicianIds: Set<string>;

  constructor(
    private readonly desk: DemoDesk,
    private readonly prng: Prng,
    /** The most replies and notes a worked ticket gets after the first response (3: about 2.3 comments a ticket). */
    private readonly maxExtraComments = 3,
    private readonly history?: DemoHistory,
  ) {
    this.requesters = desk.users.filter((user) => user.role === 'requester');
    for (const queue of desk.queues) {
      const workers = desk.users.filter(
        (user) => (user.role === 'agent' || user.role === 'technician') && user.queueIds.includes(queue.id),
      );
      this.staffByQueue.set(queue.id, workers);
    }
    this.technicianIds = new Set(desk.users.filter((u) => u.role === 'technician').map((u) => u.id));
  }

  /**
   * With a history, tickets arrived evenly over it: resolved ones (1 to 10 days ago, not yet closed) are as many as
   * those ten days bring, the rest closed.
   */
  private historyStatus(history: DemoHistory): Status {
    const { prng } = this;
    if (prng.chance(history.activeShare)) return prng.weighted(ACTIVE_WEIGHTS);
    return prng.chance(10 / history.days) ? 'resolved' : 'closed';
  }

  next(): DemoTicket {
    const { prng, desk } = this;
    const now = desk.now.getTime();
    const type = prng.weighted(TYPE_WEIGHTS);
    const catalogItem = type === 'service_request' ? prng.pick(desk.catalog) : null;
    const queueId = catalogItem?.defaultQueueId ?? prng.weighted(QUEUE_WEIGHTS);
    const queue = this.queue(queueId);
    const impact = catalogItem?.impact ?? (prng.int(1, 3) as Level);
    const urgency = catalogItem?.urgency ?? (prng.int(1, 3) as Level);
    const priority = priorityFrom(impact, urgency);
    const status: Status = this.history ? this.historyStatus(this.history) : prng.weighted(STATUS_WEIGHTS);
    const requester = prng.pick(this.requesters);
    const workers = this.staffByQueue.get(queueId) ?? [];
    const assignee = status === 'new' && prng.chance(0.7) ? null : workers.length > 0 ? this.pickWorker(workers) : null;

    const policy = choosePolicy(desk.policies, queue, priority);
    const calendar = desk.calendars.find((c) => c.id === policy.calendarId);
    if (!calendar) throw new Error(`demo calendar ${policy.calendarId} missing`);
    const target = policy.targets[priority];
    const responseMs = target.responseMinutes * MINUTE;
    const resolutionMs = target.resolutionMinutes * MINUTE;
    /** The instant `share` of `targetMs` of business time after `from`. */
    const after = (from: number, share: number, targetMs: number) =>
      addBusinessMs(calendar, from, Math.round(share * targetMs));

    // Timeline: when it was created, first answered, paused, resolved.
    let createdAt: number;
    let firstResponseAt: number | null = null;
    let resolvedAt: number | null = null;
    const pauses: Pause[] = [];
    if (status === 'new') {
      // Not answered yet: the response clock runs.
      createdAt = businessAgo(calendar, now, this.runningShare() * responseMs);
    } else if (status === 'resolved' || status === 'closed') {
      const oldest = this.history?.days ?? 60;
      createdAt = now - (status === 'closed' ? prng.int(3, oldest) : prng.int(1, 10)) * DAY - prng.int(0, 600) * MINUTE;
      firstResponseAt = Math.min(now - MINUTE, after(createdAt, this.stoppedShare(), responseMs));
      resolvedAt = Math.max(
        firstResponseAt,
        Math.min(now - MINUTE, after(createdAt, this.stoppedShare(), resolutionMs)),
      );
      pauses.push({ from: iso(resolvedAt), to: null });
    } else {
      // Answered; the resolution clock runs, or stopped when the ticket started waiting.
      const waiting = status === 'pending' || status === 'on_hold';
      const end = waiting ? now - prng.int(20, 3 * 24 * 60) * MINUTE : now;
      createdAt = businessAgo(calendar, end, this.runningShare() * resolutionMs);
      firstResponseAt = Math.max(createdAt, Math.min(end - MINUTE, after(createdAt, this.stoppedShare(), responseMs)));
      if (waiting) pauses.push({ from: iso(end), to: null });
    }
    const title = catalogItem
      ? `${catalogItem.name} for ${requester.name}`
      : prng.pick(INCIDENT_TITLES[queueId] ?? ['Issue']);
    const updatedAt = Math.max(
      createdAt,
      firstResponseAt ?? 0,
      resolvedAt ?? 0,
      ...pauses.map((p) => Date.parse(p.from)),
    );
    const draft: Omit<Ticket, 'number'> = {
      id: prng.uuid(),
      type,
      title,
      description: `${prng.pick(DESCRIPTIONS)}\n\n— ${requester.name}, ${requester.department}`,
      requesterId: requester.id,
      status,
      impact,
      urgency,
      priority,
      queueId,
      assigneeId: assignee?.id ?? '',
      catalogItemId: catalogItem?.id ?? '',
      category: catalogItem?.category ?? queue.name,
      tags: prng.chance(0.25) ? [prng.pick(TAGS)] : [],
      formData: catalogItem ? this.formData(catalogItem) : {},
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
      firstResponseAt: firstResponseAt === null ? null : iso(firstResponseAt),
      resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
      sla: { ...emptySla(policy.id), pauses },
      slaDueAt: 0,
      slaWarnAt: 0,
    };
    const computed = computeTicketSla(draft, policy, calendar, now);
    // Thresholds already passed count as escalated at seeding, so the SLA scheduler's first run does not replay history.
    const escalations = crossedEscalations(computed.evaluation, policy, []);
    const ticket = {
      ...draft,
      sla: { ...computed.sla, escalations },
      slaDueAt: computed.slaDueAt,
      slaWarnAt: computed.slaWarnAt,
    };
    const staffAuthor = assignee ?? (workers.length > 0 ? prng.pick(workers) : null);
    return {
      ticket,
      comments: this.comments(ticket, staffAuthor, now),
      creatorId: catalogItem ? requester.id : (staffAuthor?.id ?? requester.id),
    };
  }

  /** The share of its target an open ticket's running clock has used (CLOCK_SHARES). */
  private runningShare(): number {
    const band = this.prng.weighted(CLOCK_SHARES);
    if (band === 'breached') return 1.02 + this.prng.next() * 0.8;
    if (band === 'warning') return 0.81 + this.prng.next() * 0.17;
    return 0.72 * this.prng.next() ** 1.4;
  }

  /** The share of its target a stopped clock had used when it stopped: mostly in time (MET_SHARE). */
  private stoppedShare(): number {
    return this.prng.chance(MET_SHARE) ? 0.05 + this.prng.next() * 0.9 : 1.03 + this.prng.next() * 0.6;
  }

  private queue(id: string): Queue {
    const queue = this.desk.queues.find((q) => q.id === id);
    if (!queue) throw new Error(`demo queue ${id} missing`);
    return queue;
  }

  /** The documented technician login gets a fair share of field work, so their list is never empty. */
  private pickWorker(workers: User[]): User {
    const tara = workers.find((w) => w.email === 'technician@demo.local');
    if (tara && this.prng.chance(0.35)) return tara;
    const agents = workers.filter((w) => !this.technicianIds.has(w.id));
    return this.prng.pick(agents.length > 0 && this.prng.chance(0.6) ? agents : workers);
  }

  private formData(item: ServiceCatalogItem): Ticket['formData'] {
    const data: Ticket['formData'] = {};
    for (const field of item.fields) {
      if (!field.required && this.prng.chance(0.5)) continue;
      if (field.kind === 'select') data[field.key] = this.prng.pick(field.options ?? ['Standard']);
      else if (field.kind === 'checkbox') data[field.key] = true;
      else if (field.kind === 'number') data[field.key] = this.prng.int(field.min ?? 1, Math.min(field.max ?? 50, 50));
      else if (field.kind === 'date')
        data[field.key] = iso(this.desk.now.getTime() + this.prng.int(2, 30) * DAY).slice(0, 10);
      else
        data[field.key] = this.prng.pick([
          'Main office, 2nd floor',
          'Branch Munich',
          'Please see description',
          'CC-4100',
        ]);
    }
    return data;
  }

  private comments(ticket: Omit<Ticket, 'number'>, staff: User | null, now: number): Comment[] {
    const comments: Comment[] = [];
    const add = (authorId: string, body: string, visibility: Comment['visibility'], at: number) =>
      comments.push({ id: this.prng.uuid(), ticketId: ticket.id, authorId, body, visibility, createdAt: iso(at) });
    const created = Date.parse(ticket.createdAt);
    const end = ticket.resolvedAt ? Date.parse(ticket.resolvedAt) : now;
    if (ticket.firstResponseAt && staff)
      add(staff.id, this.prng.pick(STAFF_REPLIES), 'public', Date.parse(ticket.firstResponseAt));
    const extra = ticket.status === 'new' ? this.prng.int(0, 1) : this.prng.int(0, this.maxExtraComments);
    const start = ticket.firstResponseAt ? Date.parse(ticket.firstResponseAt) : created;
    for (let i = 0; i < extra; i += 1) {
      const at = start + (end - start) * this.prng.next();
      if (staff && ticket.status !== 'new' && this.prng.chance(0.5)) {
        add(staff.id, this.prng.pick(INTERNAL_NOTES), 'internal', at);
      } else {
        add(ticket.requesterId, this.prng.pick(REQUESTER_REPLIES), 'public', at);
      }
    }
    return comments.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }
}

/** The latest instant from which `ms` of business time have passed by `end` (a clock started then has used `ms`). */
function businessAgo(calendar: BusinessCalendar, end: number, ms: number): number {
  if (ms <= 0) return end;
  let span = ms * 4 + 14 * DAY;
  while (businessMsBetween(calendar, end - span, end) < ms) span *= 2;
  let early = end - span;
  let late = end;
  // businessMsBetween(t, end) falls as t rises: the last t that still leaves `ms`, to the millisecond.
  while (late - early > 1) {
    const mid = Math.floor((early + late) / 2);
    if (businessMsBetween(calendar, mid, end) >= ms) early = mid;
    else late = mid;
  }
  return early;
}

function iso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}
