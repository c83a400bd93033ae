import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_DUE, type Ticket } from '../shared/domain/ticket';
import { checkTicketWrite } from '../shared/sync/write-rules';
import { type Actor, canReadCollection, canSeeComment, canSeeTicket, checkCommentWrite, ticketScope } from './scope';

const agent: Actor = { id: 'u-agent', role: 'agent', queueIds: ['q-sd', 'q-net'] };
const tech: Actor = { id: 'u-tech', role: 'technician', queueIds: ['q-field'] };
const supervisor: Actor = { id: 'u-sup', role: 'supervisor', queueIds: ['q-sd', 'q-net', 'q-hw', 'q-field'] };
const networkSupervisor: Actor = { id: 'u-nora', role: 'supervisor', queueIds: ['q-net'] };
const admin: Actor = { id: 'u-admin', role: 'admin', queueIds: [] };
const requester: Actor = { id: 'u-req', role: 'requester', queueIds: [] };
const name = (id: string) => id;

const ticket = (patch: Partial<Ticket> = {}): Ticket => ({
  id: 't1',
  number: 1001,
  type: 'incident',
  title: 'Printer jam',
  description: '',
  requesterId: 'u-req',
  status: 'open',
  impact: 2,
  urgency: 2,
  priority: 'P3',
  queueId: 'q-sd',
  assigneeId: '',
  catalogItemId: '',
  category: '',
  tags: [],
  formData: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  firstResponseAt: null,
  resolvedAt: null,
  sla: {
    policyId: 'p',
    pauses: [],
    responseDueAt: null,
    resolutionDueAt: null,
    responseBreached: false,
    resolutionBreached: false,
    escalations: [],
  },
  slaDueAt: NO_DUE,
  slaWarnAt: NO_DUE,
  ...patch,
});

describe('ticket visibility', () => {
  it('follows the role rules', () => {
    const keys = { queueId: 'q-hw', assigneeId: 'u-tech', requesterId: 'u-req' };
    expect(canSeeTicket(ticketScope(agent), keys)).toBe(false);
    expect(canSeeTicket(ticketScope(tech), keys)).toBe(true);
    expect(canSeeTicket(ticketScope(supervisor), keys)).toBe(true);
    expect(canSeeTicket(ticketScope(admin), keys)).toBe(true);
    expect(canSeeTicket(ticketScope(requester), keys)).toBe(true);
    expect(canSeeTicket(ticketScope(requester), { ...keys, requesterId: 'other' })).toBe(false);
  });

  it('a technician sees exactly the tickets assigned to them, whatever the queue', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (queueId, assigneeId) => {
        const keys = { queueId, assigneeId, requesterId: 'r' };
        expect(canSeeTicket(ticketScope(tech), keys)).toBe(assigneeId === tech.id);
      }),
    );
  });

  it('never shows internal notes to requesters', () => {
    const keys = { queueId: 'q-sd', assigneeId: '', requesterId: 'u-req' };
    expect(canSeeComment(requester, keys, { visibility: 'internal' })).toBe(false);
    expect(canSeeComment(requester, keys, { visibility: 'public' })).toBe(true);
    expect(canSeeComment(agent, keys, { visibility: 'internal' })).toBe(true);
  });

  it('gives requesters queues, catalog and users but not policies or calendars', () => {
    expect(canReadCollection('requester', 'catalog')).toBe(true);
    expect(canReadCollection('requester', 'sla_policies')).toBe(false);
    expect(canReadCollection('requester', 'calendars')).toBe(false);
    expect(canReadCollection('technician', 'calendars')).toBe(true);
  });
});

describe('ticket writes', () => {
  it('refuses an agent creating or moving a ticket into a queue they are not in', () => {
    expect(checkTicketWrite(agent, null, ticket({ queueId: 'q-hw' }), name)?.code).toBe('forbidden');
    expect(checkTicketWrite(agent, null, ticket({ queueId: 'q-net' }), name)).toBeNull();
    expect(checkTicketWrite(agent, ticket(), ticket({ queueId: 'q-hw' }), name)?.message).toMatch(/not a member/);
    expect(checkTicketWrite(agent, ticket(), ticket({ queueId: 'q-net' }), name)).toBeNull();
  });

  it('confines a supervisor of some queues to them: reassigns there, sees and moves nothing elsewhere', () => {
    const net = ticket({ queueId: 'q-net' });
    expect(checkTicketWrite(networkSupervisor, net, { ...net, assigneeId: 'u-agent' }, name)).toBeNull();
    expect(checkTicketWrite(networkSupervisor, net, { ...net, queueId: 'q-hw' }, name)?.code).toBe('forbidden');
    expect(checkTicketWrite(networkSupervisor, null, ticket({ queueId: 'q-hw' }), name)?.code).toBe('forbidden');
    expect(canSeeTicket(ticketScope(networkSupervisor), net)).toBe(true);
    expect(canSeeTicket(ticketScope(networkSupervisor), ticket({ queueId: 'q-hw' }))).toBe(false);
  });

  it('lets technicians work but not reassign', () => {
    const mine = ticket({ assigneeId: 'u-tech', queueId: 'q-field' });
    expect(checkTicketWrite(tech, mine, { ...mine, status: 'resolved' }, name)).toBeNull();
    expect(checkTicketWrite(tech, mine, { ...mine, assigneeId: 'u-other' }, name)?.code).toBe('forbidden');
  });

  it('applies the lifecycle', () => {
    const closed = ticket({ status: 'closed' });
    expect(checkTicketWrite(agent, closed, { ...closed, status: 'open' }, name)?.code).toBe('transition');
    expect(checkTicketWrite(supervisor, closed, { ...closed, status: 'open' }, name)).toBeNull();
    expect(checkTicketWrite(agent, null, ticket({ status: 'closed' }), name)).toBeNull();
  });

  it('lets requesters only reopen or close their resolved tickets', () => {
    const resolved = ticket({ status: 'resolved' });
    expect(checkTicketWrite(requester, resolved, { ...resolved, status: 'closed' }, name)).toBeNull();
    expect(checkTicketWrite(requester, resolved, { ...resolved, title: 'x' }, name)?.code).toBe('forbidden');
    expect(checkTicketWrite(requester, ticket(), { ...ticket(), status: 'resolved' }, name)?.code).toBe('transition');
    expect(checkTicketWrite(requester, null, ticket({ status: 'new' }), name)).toBeNull();
    expect(checkTicketWrite(requester, null, ticket({ status: 'new', requesterId: 'x' }), name)?.code).toBe(
      'forbidden',
    );
  });
});

describe('comment writes', () => {
  const keys = { queueId: 'q-field', assigneeId: 'u-other', requesterId: 'u-req' };
  it('accepts a former assignee’s comment after reassignment', () => {
    const comment = { authorId: 'u-tech', visibility: 'internal' as const };
    expect(checkCommentWrite(tech, keys, comment, true)).toBeNull();
    expect(checkCommentWrite(tech, keys, comment, false)?.code).toBe('forbidden');
  });

  it('refuses comments written as someone else and internal notes from requesters', () => {
    expect(checkCommentWrite(agent, keys, { authorId: 'u-tech', visibility: 'public' }, true)?.code).toBe('forbidden');
    expect(checkCommentWrite(requester, keys, { authorId: 'u-req', visibility: 'internal' }, false)?.code).toBe(
      'forbidden',
    );
    expect(checkCommentWrite(requester, keys, { authorId: 'u-req', visibility: 'public' }, false)).toBeNull();
  });
});
