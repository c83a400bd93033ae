/**
 * The role × field write matrix (TICKET_WRITE_RULES, printed in server/README.md), every cell checked against the
 * real server over HTTP on each engine. Each cell's rule gives its probes: writes it must accept (and store as sent,
 * or for server-owned fields, not as sent) and writes it must refuse with the rule's code. A role's probes of one
 * kind travel in one push (the server decides rows independently), so the whole matrix is a few requests per role.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameJson } from '../../shared/canonical';
import { allowedNextStatuses, STATUSES, type Status } from '../../shared/domain/lifecycle';
import { priorityFrom } from '../../shared/domain/priority';
import type { Ticket } from '../../shared/domain/ticket';
import { ROLES, type Role } from '../../shared/domain/user';
import type { RejectionCode, SyncDoc } from '../../shared/sync/protocol';
import {
  type FieldRule,
  TICKET_FIELDS,
  TICKET_WRITE_RULES,
  type TicketField,
  type WriteKind,
} from '../../shared/sync/write-rules';
import {
  Api,
  createTickets,
  lastInContact,
  newTicket,
  PASSWORD,
  startTestServer,
  TEST_ENGINES,
  type TestServer,
} from './harness';

const KINDS: WriteKind[] = ['create', 'change'];

/** Who writes for each role. The supervisor supervises two queues only, so "own queues" can be refused. */
const WRITERS: Record<Role, { id: string; email: string; home: string; otherOwn: string | null }> = {
  requester: { id: 'u-requester', email: 'requester@demo.local', home: 'q-service-desk', otherOwn: null },
  agent: { id: 'u-agent', email: 'agent@demo.local', home: 'q-service-desk', otherOwn: 'q-network' },
  technician: { id: 'u-technician', email: 'technician@demo.local', home: 'q-field-services', otherOwn: null },
  supervisor: { id: 'u-sue', email: 'sue.supervisor@demo.local', home: 'q-service-desk', otherOwn: 'q-network' },
  admin: { id: 'u-admin', email: 'admin@demo.local', home: 'q-service-desk', otherOwn: 'q-hardware' },
};
/** A queue none of the writers but the admin belongs to. */
const FOREIGN_QUEUE = 'q-hardware';

/** Another valid value for each client-owned field (levels change together, as priority follows them). */
function otherValue(field: TicketField, base: Ticket): Partial<Ticket> {
  switch (field) {
    case 'type':
      return { type: 'problem' };
    case 'title':
      return { title: 'Probe: another title' };
    case 'description':
      return { description: 'Probe: another description' };
    case 'requesterId':
      return { requesterId: 'u-emp-02' };
    case 'impact':
      return { impact: 1, priority: priorityFrom(1, base.urgency) };
    case 'urgency':
      return { urgency: 1, priority: priorityFrom(base.impact, 1) };
    case 'priority':
      return { impact: 1, urgency: 1, priority: priorityFrom(1, 1) };
    case 'catalogItemId':
      return { catalogItemId: 'cat-monitor' };
    case 'category':
      return { category: 'Probe' };
    case 'tags':
      return { tags: ['probe'] };
    case 'formData':
      return { formData: { probe: 'yes' } };
    case 'queueId':
      return { queueId: FOREIGN_QUEUE };
    case 'assigneeId':
      return { assigneeId: base.assigneeId === 'u-marco' ? 'u-technician' : 'u-marco' };
    case 'status':
      return { status: base.status === 'open' ? 'pending' : 'open' };
    case 'createdAt':
      return { createdAt: new Date(Date.parse(base.createdAt) - 3_600_000).toISOString() };
    default:
      return { [field]: SERVER_BOGUS[field as keyof typeof SERVER_BOGUS] };
  }
}

/** Values no server would compute, for the server-owned fields. */
const SERVER_BOGUS = {
  number: 999_999,
  updatedAt: '2001-01-01T00:00:00.000Z',
  firstResponseAt: '2001-01-01T00:00:00.000Z',
  resolvedAt: '2001-01-01T00:00:00.000Z',
  sla: {
    policyId: 'bogus',
    pauses: [],
    responseDueAt: '2001-01-01T00:00:00.000Z',
    resolutionDueAt: null,
    responseBreached: true,
    resolutionBreached: true,
    escalations: [],
  },
  slaDueAt: 1,
};

type Outcome =
  | { accepted: true; stored: (ticket: Ticket) => void }
  | { refused: RejectionCode }
  /** Refused before any row is decided: the whole request answers this status. */
  | { status: number };

interface Probe {
  name: string;
  /** The state the writer's ticket starts from (change) or the base of the new ticket (create). */
  base: Partial<Ticket>;
  patch: Partial<Ticket>;
  outcome: Outcome;
}

const stores = (patch: Partial<Ticket>) => (ticket: Ticket) =>
  expect(pick(ticket, Object.keys(patch))).toEqual(pick({ ...ticket, ...patch }, Object.keys(patch)));
const pick = (ticket: object, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, (ticket as Record<string, unknown>)[key]]));

/** The probes of one cell of the matrix, from its rule. */
function probes(role: Role, kind: WriteKind, field: TicketField, rule: FieldRule, t0: number): Probe[] {
  const writer = WRITERS[role];
  const base: Partial<Ticket> = {
    queueId: writer.home,
    assigneeId: role === 'technician' ? writer.id : '',
    requesterId: role === 'requester' ? writer.id : 'u-emp-01',
    status: kind === 'create' ? 'new' : role === 'requester' ? 'resolved' : 'open',
  };
  const full = newTicket(base);
  const other = otherValue(field, full);
  const accept = (name: string, patch: Partial<Ticket>, b = base): Probe => ({
    name,
    base: b,
    patch,
    outcome: { accepted: true, stored: stores(patch) },
  });
  const refuse = (name: string, patch: Partial<Ticket>, code: RejectionCode, b = base): Probe => ({
    name,
    base: b,
    patch,
    outcome: { refused: code },
  });
  // Requesters never write through sync: every cell's write is refused at the door (their only change, answering
  // a resolution, goes through the portal and is checked there).
  if (role === 'requester' && !(kind === 'change' && rule === 'lifecycle')) {
    return [{ name: 'through sync', base, patch: other, outcome: { status: 403 } }];
  }
  switch (rule) {
    case 'free':
      return [accept('another value', other)];
    case 'fixed':
      return [refuse('another value', other, 'forbidden')];
    case 'server': {
      // An update must change something of the client's to be written; the bogus value rides along.
      const patch = kind === 'change' ? { ...other, title: 'Probe: with a server field' } : other;
      const bogus = other[field as keyof Ticket];
      return [
        {
          name: 'a value of its own',
          base,
          patch,
          outcome: { accepted: true, stored: (ticket) => expect(sameJson(ticket[field], bogus)).toBe(false) },
        },
      ];
    }
    case 'own-queue':
      return [
        accept('one of theirs', { queueId: writer.otherOwn ?? writer.home }),
        refuse('a queue they are not in', { queueId: FOREIGN_QUEUE }, 'forbidden'),
      ];
    case 'eligible': {
      const assigned = { ...base, assigneeId: 'u-priya' };
      return [
        accept('someone of the queue', { assigneeId: 'u-priya' }),
        accept('nobody', { assigneeId: '' }, kind === 'change' ? assigned : base),
        refuse('staff of another queue', { assigneeId: 'u-tom' }, 'validation'),
        refuse('an admin', { assigneeId: 'u-admin' }, 'validation'),
        refuse('a requester', { assigneeId: 'u-requester' }, 'validation'),
        ...(kind === 'change' && writer.otherOwn
          ? [refuse('kept while the queue moves away from them', { queueId: 'q-network' }, 'validation', assigned)]
          : []),
      ];
    }
    case 'self':
      return [
        accept('themselves', { assigneeId: writer.id }),
        refuse('a colleague of the queue', { assigneeId: 'u-marco' }, 'forbidden'),
        refuse('nobody', { assigneeId: '' }, 'forbidden'),
      ];
    case 'lifecycle': {
      if (role === 'requester') return []; // through the portal: see the portal probes below
      const from = (base.status ?? 'new') as Status;
      const allowed = new Set<Status>([from, ...allowedNextStatuses(from, role)]);
      return STATUSES.filter((status) => status !== from).map((status) =>
        allowed.has(status) ? accept(`to ${status}`, { status }) : refuse(`to ${status}`, { status }, 'transition'),
      );
    }
    case 'offline-span': {
      // The writer's device was last in contact two hours before the test (seeded): its offline span.
      const within = new Date(t0 - 3_600_000).toISOString();
      const spanStart = new Date(t0 - 2 * 3_600_000).toISOString();
      return [
        accept('within the device’s offline span', { createdAt: within }),
        {
          name: 'before the span (2001)',
          base,
          patch: { createdAt: '2001-01-01T00:00:00.000Z' },
          outcome: { accepted: true, stored: (ticket) => expect(ticket.createdAt).toBe(spanStart) },
        },
        {
          name: 'in the future',
          base,
          patch: { createdAt: new Date(t0 + 86_400_000).toISOString() },
          outcome: {
            accepted: true,
            stored: (ticket) => expect(Date.parse(ticket.createdAt)).toBeLessThan(t0 + 600_000),
          },
        },
      ];
    }
    case 'intake':
      throw new Error('intake cells are the requester’s');
  }
}

interface Case extends Probe {
  role: Role;
  kind: WriteKind;
  field: TicketField;
  rule: FieldRule;
  ticket: SyncDoc<'tickets'>;
}

function casesFor(role: Role, kind: WriteKind, t0: number): Case[] {
  const rules = TICKET_WRITE_RULES[role][kind];
  return TICKET_FIELDS.flatMap((field) =>
    probes(role, kind, field, rules[field], t0).map((probe) => ({
      ...probe,
      role,
      kind,
      field,
      rule: rules[field],
      ticket: newTicket({ ...probe.base, title: `${role} ${kind} ${field}: ${probe.name}` }),
    })),
  );
}

const label = (c: Case) => `${c.role} ${c.kind} ${c.field} (${c.rule}): ${c.name}`;

describe.each(TEST_ENGINES)('the role × field write matrix on %s', (engine) => {
  let server: TestServer;
  let admin: Api;
  const writers = new Map<Role, Api>();
  const t0 = Date.now();

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await Api.login(server.url, 'admin@demo.local');
    const sue = await admin.post('/api/admin/users', {
      id: 'u-sue',
      email: 'sue.supervisor@demo.local',
      name: 'Sue Supervisor',
      role: 'supervisor',
      queueIds: ['q-service-desk', 'q-network'],
      department: 'Service Desk',
      active: true,
      password: PASSWORD,
    });
    expect(sue.status).toBe(201);
    for (const role of ROLES) {
      const api = await Api.login(server.url, WRITERS[role].email);
      const device = `matrix-${role}`;
      writers.set(role, new Api(server.url, api.token, device));
      // The device was last in contact two hours ago, and has been offline since.
      await lastInContact(server, WRITERS[role].id, device, new Date(t0 - 2 * 3_600_000).toISOString());
    }
  });
  afterAll(() => server?.stop());

  const writer = (role: Role) => {
    const api = writers.get(role);
    if (!api) throw new Error(role);
    return api;
  };

  /** Pushes each case's row; returns the stored tickets by id. */
  async function run(cases: Case[], rows: (c: Case) => { assumed: SyncDoc<'tickets'> | null }) {
    const byRole = new Map<Role, Case[]>();
    for (const c of cases) byRole.set(c.role, [...(byRole.get(c.role) ?? []), c]);
    const answers = new Map<string, { status: number; code?: RejectionCode }>();
    for (const [role, group] of byRole) {
      const doors = group.filter((c) => 'status' in c.outcome);
      const decided = group.filter((c) => !('status' in c.outcome));
      // Refused at the door: one request per cell, so each cell is seen refused on its own.
      for (const c of doors) {
        const reply = await writer(role).push('tickets', [
          { assumedMasterState: rows(c).assumed, newDocumentState: { ...c.ticket, ...c.patch } },
        ]);
        answers.set(c.ticket.id, { status: reply.status });
        expect(reply.body, label(c)).toMatchObject({ error: expect.stringMatching(/^Requesters do not sync/) });
      }
      if (decided.length === 0) continue;
      const reply = await writer(role).push(
        'tickets',
        decided.map((c) => ({ assumedMasterState: rows(c).assumed, newDocumentState: { ...c.ticket, ...c.patch } })),
      );
      expect(reply.status).toBe(200);
      expect(reply.body.conflicts).toEqual([]);
      const refused = new Map(reply.body.rejected.map((r) => [r.id, r]));
      for (const c of decided) answers.set(c.ticket.id, { status: 200, code: refused.get(c.ticket.id)?.code });
    }
    const stored = new Map(
      ((await admin.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).map((doc) => [doc.id, doc]),
    );
    return { answers, stored };
  }

  function verify(
    cases: Case[],
    answers: Map<string, { status: number; code?: RejectionCode }>,
    stored: Map<string, Ticket>,
    kind: WriteKind,
  ) {
    for (const c of cases) {
      const answer = answers.get(c.ticket.id);
      const ticket = stored.get(c.ticket.id);
      if ('status' in c.outcome) {
        expect(answer?.status, label(c)).toBe(c.outcome.status);
      } else if ('refused' in c.outcome) {
        expect(answer?.code, label(c)).toBe(c.outcome.refused);
      } else {
        expect(answer?.code, label(c)).toBeUndefined();
      }
      const written = !('status' in c.outcome) && !('refused' in c.outcome);
      if (kind === 'create') {
        expect(ticket !== undefined, `${label(c)}: stored`).toBe(written);
      } else if (!written) {
        expect(ticket?.title, `${label(c)}: unchanged`).toBe(c.ticket.title);
        expect(ticket?.updatedAt, `${label(c)}: unchanged`).toBe(c.ticket.updatedAt);
      }
      if (written && 'accepted' in c.outcome && ticket) c.outcome.stored(ticket);
    }
  }

  it('covers every role, field and kind of write with at least one probe', () => {
    for (const role of ROLES) {
      for (const kind of KINDS) {
        const cases = casesFor(role, kind, t0);
        const fields = new Set(cases.map((c) => c.field));
        const portal = role === 'requester' && kind === 'change' ? ['status'] : [];
        expect([...fields, ...portal].sort(), `${role} ${kind}`).toEqual([...TICKET_FIELDS].sort());
      }
    }
  });

  it('creates: every cell over HTTP push', async () => {
    const cases = ROLES.flatMap((role) => casesFor(role, 'create', t0));
    const { answers, stored } = await run(cases, () => ({ assumed: null }));
    verify(cases, answers, stored, 'create');
  });

  it('changes: every cell over HTTP push, on tickets the admin created for each writer', async () => {
    const cases = ROLES.flatMap((role) => casesFor(role, 'change', t0));
    await createTickets(
      admin,
      cases.map((c) => c.ticket),
    );
    const masters = new Map(
      ((await admin.pullAll('tickets')).documents as SyncDoc<'tickets'>[]).map((doc) => [doc.id, doc]),
    );
    const withMasters = cases.map((c) => {
      const master = masters.get(c.ticket.id);
      if (!master) throw new Error(`${label(c)}: not created`);
      return { ...c, ticket: master };
    });
    const { answers, stored } = await run(withMasters, (c) => ({ assumed: c.ticket }));
    verify(withMasters, answers, stored, 'change');
  });

  it('requesters change only through the portal: they answer a resolution, nothing else', async () => {
    const [resolved, open] = [
      newTicket({ requesterId: 'u-requester', status: 'resolved', title: 'Resolved for Rita' }),
      newTicket({ requesterId: 'u-requester', status: 'open', title: 'Open for Rita' }),
    ];
    await createTickets(admin, [resolved, open]);
    const rita = writer('requester');
    const closed = await rita.post<{ status: Status }>(`/api/portal/tickets/${resolved.id}/resolution`, {
      accept: true,
    });
    expect(closed).toMatchObject({ status: 200, body: { status: 'closed' } });
    const early = await rita.post(`/api/portal/tickets/${open.id}/resolution`, { accept: true });
    expect(early.status).toBe(409);
  });

  it('server/README.md prints this matrix', () => {
    const readme = readFileSync(new URL('../../server/README.md', import.meta.url), 'utf8');
    expect(readme).toContain(matrixTable());
  });
});

const CELL: Record<FieldRule, string> = {
  free: 'yes',
  fixed: 'no',
  'own-queue': 'own queues',
  eligible: 'eligible',
  self: 'self',
  lifecycle: 'lifecycle',
  'offline-span': 'offline span',
  server: 'server',
  intake: 'intake',
};

/** The matrix as the Markdown table in server/README.md. */
function matrixTable(): string {
  const columns = ROLES.flatMap((role) => KINDS.map((kind) => `${role} ${kind}`));
  const rows = TICKET_FIELDS.map((field) => [
    `\`${field}\``,
    ...ROLES.flatMap((role) => KINDS.map((kind) => CELL[TICKET_WRITE_RULES[role][kind][field]])),
  ]);
  const widths = [0, ...columns].map((_, i) =>
    Math.max(...[['field', ...columns], ...rows].map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(['field', ...columns]), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
