import { describe, expect, it } from 'vitest';
import type { User } from '../domain/user';
import { makeTicket, makeUser } from '../testing/fixtures';
import {
  checkTicketWrite,
  createsForSelf,
  createsInOwnQueuesOnly,
  fieldRefusal,
  mayChangeField,
  type WriteDirectory,
  type Writer,
} from './write-rules';

const people: User[] = [
  makeUser({ id: 'u-agent', name: 'Alex Agent', queueIds: ['q-sd', 'q-net'] }),
  makeUser({ id: 'u-priya', name: 'Priya Shah', queueIds: ['q-sd', 'q-hw'] }),
  makeUser({ id: 'u-tom', name: 'Tom Berger', queueIds: ['q-net'] }),
  makeUser({ id: 'u-gone', name: 'Gina Gone', queueIds: ['q-sd'], active: false }),
  makeUser({ id: 'u-tech', name: 'Tara Technician', role: 'technician', queueIds: ['q-field'] }),
  makeUser({ id: 'u-marco', name: 'Marco Rossi', role: 'technician', queueIds: ['q-field'] }),
  makeUser({ id: 'u-sup', name: 'Sam Supervisor', role: 'supervisor', queueIds: ['q-sd', 'q-net', 'q-hw', 'q-field'] }),
  makeUser({ id: 'u-admin', name: 'Ada Admin', role: 'admin', queueIds: [] }),
  makeUser({ id: 'u-req', name: 'Rita Requester', role: 'requester', queueIds: [] }),
];
const directory: WriteDirectory = {
  queueName: (id) => ({ 'q-sd': 'Service Desk', 'q-net': 'Network', 'q-hw': 'Hardware' })[id] ?? id,
  user: (id) => people.find((user) => user.id === id),
};
const writer = (id: string): Writer => {
  const user = people.find((u) => u.id === id);
  if (!user) throw new Error(id);
  return user;
};
const [agent, tech, supervisor, admin, requester] = ['u-agent', 'u-tech', 'u-sup', 'u-admin', 'u-req'].map(writer) as [
  Writer,
  Writer,
  Writer,
  Writer,
  Writer,
];
const networkSupervisor: Writer = { id: 'u-nora', role: 'supervisor', queueIds: ['q-net'] };
const ticket = makeTicket({ queueId: 'q-sd', requesterId: 'u-req', status: 'open' });
const check = (actor: Writer, before: typeof ticket | null, after: typeof ticket) =>
  checkTicketWrite(actor, before, after, directory);

describe('ticket writes', () => {
  it('refuses an agent creating or moving a ticket into a queue they are not in', () => {
    expect(check(agent, null, { ...ticket, queueId: 'q-hw' })?.code).toBe('forbidden');
    expect(check(agent, null, { ...ticket, queueId: 'q-net' })).toBeNull();
    expect(check(agent, ticket, { ...ticket, queueId: 'q-hw' })?.message).toBe(
      'You cannot move tickets into queue "Hardware": you are not a member of it',
    );
    expect(check(agent, ticket, { ...ticket, queueId: 'q-net' })).toBeNull();
  });

  it('confines a supervisor of some queues to them', () => {
    const net = { ...ticket, queueId: 'q-net' };
    expect(check(networkSupervisor, net, { ...net, assigneeId: 'u-tom' })).toBeNull();
    expect(check(networkSupervisor, net, { ...net, queueId: 'q-hw' })?.code).toBe('forbidden');
    expect(check(networkSupervisor, null, { ...ticket, queueId: 'q-hw' })?.code).toBe('forbidden');
  });

  it('accepts as assignee only active staff who work the ticket’s queue', () => {
    const assign = (assigneeId: string) => check(supervisor, ticket, { ...ticket, assigneeId });
    expect(assign('u-priya')).toBeNull();
    expect(assign('')).toBeNull();
    expect(assign('u-tom')).toEqual({
      code: 'validation',
      message: 'assigneeId: Tom Berger does not work in queue "Service Desk" and would not see the ticket',
    });
    expect(assign('u-gone')?.message).toBe('assigneeId: Gina Gone is not active');
    expect(assign('u-admin')?.message).toBe('assigneeId: Ada Admin is an admin, not someone who works a queue');
    expect(assign('u-req')?.message).toBe('assigneeId: Rita Requester is a requester, not someone who works a queue');
    expect(assign('u-nobody')?.message).toBe('assigneeId: there is no user u-nobody');
  });

  it('checks the assignee again when the ticket moves to another queue', () => {
    const priyas = { ...ticket, assigneeId: 'u-priya' };
    expect(check(supervisor, priyas, { ...priyas, queueId: 'q-hw' })).toBeNull();
    expect(check(supervisor, priyas, { ...priyas, queueId: 'q-net' })?.message).toMatch(/Priya Shah does not work/);
    // An assignee who stopped being eligible (an admin changed their queues) does not block other edits.
    const stale = { ...ticket, assigneeId: 'u-tom' };
    expect(check(supervisor, stale, { ...stale, title: 'Still editable' })).toBeNull();
  });

  it('applies the eligibility rule to admins too', () => {
    expect(check(admin, ticket, { ...ticket, queueId: 'q-hw', assigneeId: 'u-tom' })?.code).toBe('validation');
    expect(check(admin, ticket, { ...ticket, queueId: 'q-hw', assigneeId: 'u-priya' })).toBeNull();
  });

  it('lets technicians work their tickets but not reassign, move or change the requester', () => {
    const mine = { ...ticket, assigneeId: 'u-tech', queueId: 'q-field' };
    expect(check(tech, mine, { ...mine, status: 'resolved', title: 'Fixed on site' })).toBeNull();
    expect(check(tech, mine, { ...mine, assigneeId: 'u-marco' })?.message).toBe(
      'A technician cannot change the assignee',
    );
    expect(check(tech, mine, { ...mine, requesterId: 'u-agent' })?.message).toBe(
      'A technician cannot change the requester',
    );
    expect(check(tech, mine, { ...mine, queueId: 'q-sd' })?.code).toBe('forbidden');
  });

  it('tells the workstation which fields a role may change, in the words the server refuses with', () => {
    const mine = { ...ticket, assigneeId: 'u-tech', queueId: 'q-field' };
    for (const [field, value] of [
      ['assigneeId', 'u-marco'],
      ['queueId', 'q-sd'],
      ['requesterId', 'u-agent'],
    ] as const) {
      expect(mayChangeField('technician', field)).toBe(false);
      expect(mayChangeField('agent', field)).toBe(true);
      expect(check(tech, mine, { ...mine, [field]: value })?.message).toBe(fieldRefusal('technician', field));
    }
    expect(mayChangeField('technician', 'status')).toBe(true);
    expect(mayChangeField('agent', 'slaDueAt')).toBe(false);
  });

  it('lets technicians create only tickets of their queues assigned to themselves', () => {
    const mine = { ...ticket, assigneeId: 'u-tech', queueId: 'q-field', status: 'new' as const };
    expect(check(tech, null, mine)).toBeNull();
    expect(check(tech, null, { ...mine, assigneeId: 'u-marco' })?.message).toBe(
      'Technicians can create only tickets assigned to themselves',
    );
    expect(check(tech, null, { ...mine, queueId: 'q-sd' })?.message).toMatch(/not a member of it/);
  });

  it('tells the create form what the checks enforce: whose queues a role creates in, and for whom', () => {
    // The form offered technicians every queue while the check above refuses all but theirs.
    for (const role of ['agent', 'supervisor', 'technician'] as const) {
      expect(createsInOwnQueuesOnly(role)).toBe(true);
      const other = makeUser({ id: 'u-x', role, queueIds: ['q-field'] });
      const draft = {
        ...ticket,
        assigneeId: role === 'technician' ? 'u-x' : '',
        queueId: 'q-sd',
        status: 'new' as const,
      };
      expect(check(other, null, draft)?.message).toMatch(/not a member of it/);
    }
    expect(createsInOwnQueuesOnly('admin')).toBe(false);
    expect(createsForSelf('technician')).toBe(true);
    expect(createsForSelf('agent')).toBe(false);
  });

  it('leaves createdAt to the server: whatever a client sends for it refuses nothing (and is ignored)', () => {
    for (const actor of [agent, supervisor, admin, tech]) {
      const own = actor === tech ? { ...ticket, queueId: 'q-field', assigneeId: 'u-tech' } : ticket;
      expect(check(actor, own, { ...own, createdAt: '2001-01-01T00:00:00.000Z' })).toBeNull();
    }
  });

  it('applies the lifecycle', () => {
    const closed = { ...ticket, status: 'closed' as const };
    expect(check(agent, closed, { ...closed, status: 'open' })?.code).toBe('transition');
    expect(check(supervisor, closed, { ...closed, status: 'open' })).toBeNull();
    expect(check(agent, null, { ...ticket, status: 'closed' })).toBeNull();
  });

  it('refuses every ticket a requester would create, and lets them only reopen or close a resolved one', () => {
    expect(check(requester, null, { ...ticket, status: 'new' })).toEqual({
      code: 'forbidden',
      message: 'Requesters raise tickets through the request form (the portal, POST /api/requests), not through sync',
    });
    const resolved = { ...ticket, status: 'resolved' as const };
    expect(check(requester, resolved, { ...resolved, status: 'closed' })).toBeNull();
    expect(check(requester, resolved, { ...resolved, title: 'x' })?.code).toBe('forbidden');
    expect(check(requester, ticket, { ...ticket, status: 'resolved' })?.code).toBe('transition');
  });
});
