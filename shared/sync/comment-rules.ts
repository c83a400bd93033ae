import type { Comment } from '../domain/comment';
import { type Actor, canSeeTicket, type TicketKeys, ticketScope } from '../domain/visibility';
import type { Refusal } from './write-rules';

/**
 * Who may add which comment to a ticket: the server checks every pushed comment with `checkCommentWrite`; the
 * workstation checks `commentAuthorRefusal` before writing one, so it refuses at once, in the server's words, what
 * the server would refuse. (Whether the user reaches the ticket the workstation answers by holding it in its replica.)
 */

/**
 * The part of the rule that does not depend on reaching the ticket: a comment is written as yourself, and requesters
 * add public replies to their own tickets only.
 */
export function commentAuthorRefusal(
  actor: Actor,
  ticket: TicketKeys,
  comment: Pick<Comment, 'authorId' | 'visibility'>,
): Refusal | null {
  if (comment.authorId !== actor.id) return { code: 'forbidden', message: 'Comments can only be written as yourself' };
  if (actor.role !== 'requester') return null;
  if (ticket.requesterId !== actor.id) return { code: 'forbidden', message: 'You can only reply to your own tickets' };
  if (comment.visibility !== 'public') return { code: 'forbidden', message: 'Requesters cannot write internal notes' };
  return null;
}

/**
 * Whether `actor` may add `comment` to a ticket. Staff need to see the ticket now or to have been assigned to it at
 * some point (`wasAssignee`): a field technician who wrote a note offline must not lose it because the ticket was
 * reassigned in the meantime. Requesters may add public replies to their own tickets only.
 */
export function checkCommentWrite(
  actor: Actor,
  ticket: TicketKeys,
  comment: Pick<Comment, 'authorId' | 'visibility'>,
  wasAssignee: boolean,
): Refusal | null {
  const refusal = commentAuthorRefusal(actor, ticket, comment);
  if (refusal || actor.role === 'requester') return refusal;
  if (canSeeTicket(ticketScope(actor), ticket) || wasAssignee) return null;
  return { code: 'forbidden', message: 'You cannot comment on a ticket outside your queues or assignments' };
}
