import { describe, expect, it } from 'vitest';
import { makeUser } from '../testing/fixtures';
import { assigneeAfterMove, canBeAssignee, eligibleAssignees } from './assignment';

const priya = makeUser({ id: 'u-priya', queueIds: ['q-sd', 'q-hw'] });
const tom = makeUser({ id: 'u-tom', queueIds: ['q-net'] });
const tara = makeUser({ id: 'u-tara', role: 'technician', queueIds: ['q-field'] });
const sam = makeUser({ id: 'u-sam', role: 'supervisor', queueIds: ['q-sd', 'q-net', 'q-hw', 'q-field'] });
const ada = makeUser({ id: 'u-ada', role: 'admin', queueIds: ['q-sd'] });
const gone = makeUser({ id: 'u-gone', queueIds: ['q-sd'], active: false });
const everyone = [priya, tom, tara, sam, ada, gone];
const byId = (id: string) => everyone.find((user) => user.id === id);

describe('who may be a ticket’s assignee', () => {
  it('is an active agent, technician or supervisor of the ticket’s queue', () => {
    expect(everyone.filter((user) => canBeAssignee(user, 'q-sd')).map((user) => user.id)).toEqual(['u-priya', 'u-sam']);
    expect(canBeAssignee(tara, 'q-field')).toBe(true);
    expect(canBeAssignee(tara, 'q-sd')).toBe(false);
  });

  it('for a selection across queues: the people who work every one of them', () => {
    expect(eligibleAssignees(everyone, ['q-sd', 'q-hw', 'q-sd']).map((user) => user.id)).toEqual(['u-priya', 'u-sam']);
    expect(eligibleAssignees(everyone, ['q-sd', 'q-field']).map((user) => user.id)).toEqual(['u-sam']);
    expect(eligibleAssignees(everyone, [])).toEqual([]);
  });

  it('keeps the assignee on a queue move only if they work the new queue', () => {
    expect(assigneeAfterMove('u-priya', 'q-hw', byId)).toBe('u-priya');
    expect(assigneeAfterMove('u-priya', 'q-net', byId)).toBe('');
    expect(assigneeAfterMove('', 'q-net', byId)).toBe('');
  });
});
