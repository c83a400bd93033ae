import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/visibility';
import { checkCommentWrite, commentAuthorRefusal } from './comment-rules';

const agent: Actor = { id: 'u-agent', role: 'agent', queueIds: ['q-sd', 'q-net'] };
const tech: Actor = { id: 'u-tech', role: 'technician', queueIds: ['q-field'] };
const requester: Actor = { id: 'u-req', role: 'requester', queueIds: [] };

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
    expect(
      checkCommentWrite(
        requester,
        { ...keys, requesterId: 'u-else' },
        { authorId: 'u-req', visibility: 'public' },
        false,
      ),
    ).toEqual({
      code: 'forbidden',
      message: 'You can only reply to your own tickets',
    });
  });

  it('refuses, without reaching the ticket, exactly what the full check refuses whatever the reach', () => {
    // What the workstation checks before writing: never more than the server refuses to a user who reaches the ticket.
    for (const actor of [agent, tech, requester]) {
      for (const authorId of ['u-agent', 'u-tech', 'u-req']) {
        for (const visibility of ['public', 'internal'] as const) {
          for (const requesterId of ['u-req', 'u-else']) {
            const ticket = { ...keys, requesterId };
            const comment = { authorId, visibility };
            const author = commentAuthorRefusal(actor, ticket, comment);
            if (author) expect(checkCommentWrite(actor, ticket, comment, true)).toEqual(author);
            else if (actor.role !== 'requester') expect(checkCommentWrite(actor, ticket, comment, true)).toBeNull();
          }
        }
      }
    }
  });
});
