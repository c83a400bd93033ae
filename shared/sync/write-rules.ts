import { changedFields } from '../canonical';
import { type Assignable, assigneeProblem } from '../domain/assignment';
import { checkTransition } from '../domain/lifecycle';
import { SERVER_OWNED_TICKET_FIELDS, type Ticket } from '../domain/ticket';
import type { Role, User } from '../domain/user';
import type { RejectionCode } from './protocol';

/**
 * Who may create or change which ticket field into what: one table (TICKET_WRITE_RULES, role × field × create /
 * change, printed in server/README.md) and the checks that read it. The server applies them to every pushed ticket;
 * the workstation's store applies them before writing, so an edit the server would refuse is refused at once, with
 * the same reason, instead of coming back refused after the next sync.
 */

/** Every ticket field but its id (which names the row rather than being written). */
export type TicketField = Exclude<keyof Ticket, 'id'>;
export type WriteKind = 'create' | 'change';

/**
 * What a role may do with a field:
 * - `free`: any valid value (the schema's, and priority = impact × urgency);
 * - `fixed`: must stay as it is (`forbidden`);
 * - `own-queue`: one of the writer's own queues (`forbidden`);
 * - `eligible`: unassigned, or someone eligible for the ticket's queue (shared/domain/assignment.ts), checked when
 *   the assignee or the queue changes (`validation`);
 * - `self`: the writer themselves, who must be eligible for the ticket's queue (`forbidden`);
 * - `lifecycle`: follows `checkTransition` for the writer's role, from New on creation (`transition`);
 * - `offline-span`: the server's time, or a time the writer's device claims within its offline span (the server
 *   moves any other claim into the span and audits the claim: server/sync/offline-span.ts);
 * - `server`: computed by the server; the client's value is ignored;
 * - `intake`: not written through sync at all: the portal's request form (intake) sets it.
 */
export const FIELD_RULES = [
  'free',
  'fixed',
  'own-queue',
  'eligible',
  'self',
  'lifecycle',
  'offline-span',
  'server',
  'intake',
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

type RuleRow = Record<TicketField, FieldRule>;

const SERVER_OWNED = Object.fromEntries(SERVER_OWNED_TICKET_FIELDS.map((field) => [field, 'server'])) as Record<
  (typeof SERVER_OWNED_TICKET_FIELDS)[number],
  'server'
>;

const STAFF_CREATE: RuleRow = {
  type: 'free',
  title: 'free',
  description: 'free',
  requesterId: 'free',
  status: 'lifecycle',
  impact: 'free',
  urgency: 'free',
  priority: 'free',
  queueId: 'own-queue',
  assigneeId: 'eligible',
  catalogItemId: 'free',
  category: 'free',
  tags: 'free',
  formData: 'free',
  ...SERVER_OWNED,
  createdAt: 'offline-span',
};

const STAFF_CHANGE: RuleRow = { ...STAFF_CREATE, createdAt: 'server' };

const only = (rule: FieldRule): RuleRow =>
  Object.fromEntries(Object.keys(STAFF_CREATE).map((field) => [field, rule])) as RuleRow;

export const TICKET_WRITE_RULES: Record<Role, Record<WriteKind, RuleRow>> = {
  // Requesters never write through sync (the server answers 403); the portal writes for them: the request form
  // creates, and the answer to a resolution (confirm or reopen) is their only change.
  requester: {
    create: only('intake'),
    change: { ...only('fixed'), status: 'lifecycle', ...SERVER_OWNED },
  },
  agent: { create: STAFF_CREATE, change: STAFF_CHANGE },
  supervisor: { create: STAFF_CREATE, change: STAFF_CHANGE },
  // Technicians work the tickets assigned to them: what they create is theirs, and they hand nothing on.
  technician: {
    create: { ...STAFF_CREATE, assigneeId: 'self' },
    change: { ...STAFF_CHANGE, queueId: 'fixed', assigneeId: 'fixed', requesterId: 'fixed' },
  },
  admin: { create: { ...STAFF_CREATE, queueId: 'free' }, change: { ...STAFF_CHANGE, queueId: 'free' } },
};

export const TICKET_FIELDS = Object.keys(STAFF_CREATE) as TicketField[];

/** Rules under which a role never sets the field on an existing ticket itself. */
const NOT_THEIRS: ReadonlySet<FieldRule> = new Set(['fixed', 'server', 'intake']);

/**
 * Whether `role` may change `field` on a ticket at all: the workstation offers keys, palette entries and pane
 * editors only for these, so a technician is never offered "Assign to…" only to be refused.
 */
export const mayChangeField = (role: Role, field: TicketField): boolean =>
  !NOT_THEIRS.has(TICKET_WRITE_RULES[role].change[field]);

/** Why `role` cannot change `field` ("A technician cannot change the assignee"), as the server says it. */
export const fieldRefusal = (role: Role, field: TicketField): string =>
  cannotChange(role, [FIELD_NAMES[field] ?? field]);

const cannotChange = (role: Role, names: readonly string[]) =>
  `${article(role)} ${role} cannot change ${names.join(', ')}`;

/** Whether `role` creates tickets only in queues it is a member of: the create form offers only those. */
export const createsInOwnQueuesOnly = (role: Role): boolean => TICKET_WRITE_RULES[role].create.queueId === 'own-queue';

/** Whether what `role` creates is always assigned to the creator: the create form then asks for no assignee. */
export const createsForSelf = (role: Role): boolean => TICKET_WRITE_RULES[role].create.assigneeId === 'self';

export type Writer = Pick<User, 'id' | 'role' | 'queueIds'>;

export interface Refusal {
  code: RejectionCode;
  message: string;
}

/** What the rules need to know besides the ticket: queue names for messages, and the people it may name. */
export interface WriteDirectory {
  queueName(queueId: string): string;
  user(userId: string): Assignable | undefined;
}

/**
 * Whether `actor` may create (`before` null) or change a ticket into `after`. The caller has already checked that
 * the actor can see `before`, and that `after` is valid and names existing queues and users. Returns null when
 * allowed.
 */
export function checkTicketWrite(
  actor: Writer,
  before: Ticket | null,
  after: Ticket,
  directory: WriteDirectory,
): Refusal | null {
  const refusal = checkRoleWrite(actor, before, after, directory);
  if (refusal) return refusal;
  const transition = checkTransition(before?.status ?? 'new', after.status, actor.role);
  return transition.ok ? null : { code: 'transition', message: transition.reason };
}

/** Order of the checks: where a ticket goes and who has it first, so a refusal names the most telling reason. */
const CHECK_ORDER: readonly TicketField[] = [
  'queueId',
  'assigneeId',
  'requesterId',
  ...TICKET_FIELDS.filter((f) => !['queueId', 'assigneeId', 'requesterId'].includes(f)),
];

const FIELD_NAMES: Partial<Record<TicketField, string>> = {
  queueId: 'the queue',
  assigneeId: 'the assignee',
  requesterId: 'the requester',
};

/** What `actor`'s role allows them to create or change, the lifecycle aside (see `checkTicketWrite`). */
export function checkRoleWrite(
  actor: Writer,
  before: Ticket | null,
  after: Ticket,
  directory: WriteDirectory,
): Refusal | null {
  const rules = TICKET_WRITE_RULES[actor.role][before === null ? 'create' : 'change'];
  const changed = new Set(before === null ? TICKET_FIELDS : changedFields(before, after));
  const fixed: TicketField[] = [];
  for (const field of CHECK_ORDER) {
    const rule = rules[field];
    if (rule === 'fixed') {
      if (changed.has(field)) fixed.push(field);
      continue;
    }
    const refusal = checkField(rule, field, actor, before, after, changed, directory);
    if (refusal) return refusal;
  }
  if (fixed.length === 0) return null;
  if (actor.role === 'requester') {
    return {
      code: 'forbidden',
      message: `Requesters can only reopen or close their tickets, not change ${fixed.join(', ')}`,
    };
  }
  const names = fixed.map((field) => FIELD_NAMES[field] ?? field);
  return { code: 'forbidden', message: cannotChange(actor.role, names) };
}

function checkField(
  rule: FieldRule,
  field: TicketField,
  actor: Writer,
  before: Ticket | null,
  after: Ticket,
  changed: ReadonlySet<string>,
  directory: WriteDirectory,
): Refusal | null {
  switch (rule) {
    case 'intake':
      // Requesters' whole creation: one refusal, naming where they raise tickets instead.
      return {
        code: 'forbidden',
        message: 'Requesters raise tickets through the request form (the portal, POST /api/requests), not through sync',
      };
    case 'own-queue': {
      if (!changed.has(field) || actor.queueIds.includes(after.queueId)) return null;
      const verb = before === null ? 'create tickets in' : 'move tickets into';
      return {
        code: 'forbidden',
        message: `You cannot ${verb} queue "${directory.queueName(after.queueId)}": you are not a member of it`,
      };
    }
    case 'eligible': {
      if (!changed.has('assigneeId') && !changed.has('queueId')) return null;
      const problem = assigneeProblem(after.assigneeId, after.queueId, directory.user, directory.queueName);
      return problem ? { code: 'validation', message: `assigneeId: ${problem}` } : null;
    }
    case 'self': {
      if (after.assigneeId !== actor.id) {
        return { code: 'forbidden', message: 'Technicians can create only tickets assigned to themselves' };
      }
      const problem = assigneeProblem(after.assigneeId, after.queueId, directory.user, directory.queueName);
      return problem ? { code: 'forbidden', message: `assigneeId: ${problem}` } : null;
    }
    // lifecycle: checkTicketWrite; offline-span and server: the server sets the value; free, fixed: checked above.
    default:
      return null;
  }
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'An' : 'A');
