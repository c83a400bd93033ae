import { describe, expect, it } from 'vitest';
import { makeUser } from '../testing/fixtures';
import { assigneeAfterMove, canBeAssignee, eligibleAssignees, queuesLeft, unassignedBecause } from './assignment';

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

describe('the queues an admin’s change to a person takes from them', () => {
  it('are the queues removed from an eligible person', () => {
    expect(queuesLeft(priya, { ...priya, queueIds: ['q-hw'] })).toEqual(['q-sd']);
    expect(queuesLeft(priya, { ...priya, queueIds: ['q-hw', 'q-sd', 'q-net'] })).toEqual([]);
    expect(unassignedBecause({ ...priya, queueIds: ['q-hw'] }, 'Service Desk')).toBe(
      `Unassigned: ${priya.name} left the Service Desk queue`,
    );
  });

  it('are all their queues when they are deactivated or given a role that works no queue', () => {
    expect(queuesLeft(priya, { ...priya, active: false })).toEqual(['q-sd', 'q-hw']);
    expect(unassignedBecause({ ...priya, active: false }, 'Hardware')).toBe(
      `Unassigned: ${priya.name} was deactivated`,
    );
    expect(queuesLeft(sam, { ...sam, role: 'admin' })).toEqual(sam.queueIds);
    expect(unassignedBecause({ ...sam, role: 'admin' }, 'Network')).toBe(
      `Unassigned: ${sam.name} became an admin, who holds no tickets`,
    );
  });

  it('are none for a change that keeps them eligible, or for someone who could hold no tickets before', () => {
    expect(queuesLeft(sam, { ...sam, role: 'agent' })).toEqual([]);
    expect(queuesLeft(tara, { ...tara, name: 'Tara T.' })).toEqual([]);
    expect(queuesLeft(ada, { ...ada, active: false })).toEqual([]);
    expect(queuesLeft(gone, { ...gone, queueIds: [] })).toEqual([]);
  });
});
