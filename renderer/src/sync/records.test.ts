import { describe, expect, it } from 'vitest';
import { toLocalTicket } from '../../../shared/rxdb/schemas';
import { makeTicket } from '../../../shared/testing/fixtures';
import { applyEdits, changedFields, fieldName, showField, showValue } from './records';

describe('refused changes in the sync panel', () => {
  it('names only the fields the user changed, not server-owned ones', () => {
    const master = makeTicket();
    const local = { ...master, queueId: 'q-network', updatedAt: '2026-11-03T09:00:00.000Z' };
    expect(changedFields(local, master)).toEqual(['queueId']);
  });

  it("leaves out every server-owned field and the replica's own sort keys", () => {
    // The workstation computes the SLA keys locally, so a refused ticket's copy differs from the server's in them.
    const master = makeTicket();
    const local = {
      ...toLocalTicket(master),
      status: 'pending' as const,
      slaDueAt: 1,
      slaWarnAt: 1,
      openKey: 1,
      warnKey: 1,
    };
    expect(changedFields(local, master)).toEqual(['status']);
  });

  it('compares values as JSON, whatever the order of their keys', () => {
    // The server's jsonb hands objects back with their keys reordered: that is no change the user made.
    const master = makeTicket({ formData: { model: 'X1', ram: 16 } });
    const local = { ...master, formData: { ram: 16, model: 'X1' } };
    expect(changedFields(local, master)).toEqual([]);
  });

  it('applies edits keeping arrays as arrays', () => {
    const edited = applyEdits(makeTicket({ tags: ['a'] }), { tags: 'vip, printer', queueId: 'q-hardware' });
    expect(edited.tags).toEqual(['vip', 'printer']);
    expect(edited.queueId).toBe('q-hardware');
  });

  it('shows empty values in words', () => {
    expect(showValue('')).toBe('(empty)');
    expect(showValue([])).toBe('(none)');
  });

  it('names people and queues, never their ids', () => {
    const names = {
      user: (id: string) => ({ 'u-tom': 'Tom Berger' })[id],
      queue: (id: string) => ({ 'q-hardware': 'Hardware' })[id],
    };
    expect([fieldName('assigneeId'), showField('assigneeId', 'u-tom', names)]).toEqual(['assignee', 'Tom Berger']);
    expect([fieldName('queueId'), showField('queueId', 'q-hardware', names)]).toEqual(['queue', 'Hardware']);
    expect(showField('assigneeId', '', names)).toBe('Unassigned');
    // A user this replica does not know (deleted since) is still shown, by id.
    expect(showField('assigneeId', 'u-gone', names)).toBe('u-gone');
    expect([fieldName('formData.model'), showField('title', 'VPN down', names)]).toEqual(['model', 'VPN down']);
  });
});
