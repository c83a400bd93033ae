import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../shared/domain/user';
import { type Actor, canPull, canSeeComment, canSeeTicket, checkCommentWrite, ticketScope } from './scope';

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
