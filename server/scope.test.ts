import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../shared/domain/user';
import { type Actor, canPull, canSeeComment, canSeeTicket, ticketScope } from './scope';

const agent: Actor = { id: 'u-agent', role: 'agent', queueIds: ['q-sd', 'q-net'] };
const tech: Actor = { id: 'u-tech', role: 'technician', queueIds: ['q-field'] };
const supervisor: Actor = { id: 'u-sup', role: 'supervisor', queueIds: ['q-sd', 'q-net', 'q-hw', 'q-field'] };
const admin: Actor = { id: 'u-admin', role: 'admin', queueIds: [] };
const requester: Actor = { id: 'u-req', role: 'requester', queueIds: [] };

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

  it('lets every staff role pull and no requester (the portal is their view)', () => {
    expect(ROLES.filter(canPull)).toEqual(['agent', 'technician', 'supervisor', 'admin']);
  });
});
