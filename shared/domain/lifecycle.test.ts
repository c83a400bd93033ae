import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedNextStatuses, checkTransition, STATUSES } from './lifecycle';
import { ROLES } from './user';

describe('ticket lifecycle', () => {
  it('lets staff work a ticket from new to resolved through pending and back', () => {
    for (const role of ['agent', 'technician', 'supervisor', 'admin'] as const) {
      expect(checkTransition('new', 'open', role).ok).toBe(true);
      expect(checkTransition('open', 'pending', role).ok).toBe(true);
      expect(checkTransition('pending', 'open', role).ok).toBe(true);
      expect(checkTransition('open', 'resolved', role).ok).toBe(true);
      expect(checkTransition('resolved', 'closed', role).ok).toBe(true);
    }
  });

  it('refuses skipping back from resolved to pending, with a reason naming both states', () => {
    const check = checkTransition('resolved', 'pending', 'agent');
    expect(check).toEqual({ ok: false, reason: 'An agent cannot move a ticket from Resolved to Pending' });
    expect(checkTransition('resolved', 'pending', 'technician')).toMatchObject({ reason: /^A technician cannot/ });
  });

  it('lets a requester only confirm or reopen a resolution', () => {
    expect(allowedNextStatuses('resolved', 'requester')).toEqual(['open', 'closed']);
    expect(checkTransition('open', 'resolved', 'requester').ok).toBe(false);
    expect(checkTransition('new', 'closed', 'requester').ok).toBe(false);
  });

  it('reopens a closed ticket only for supervisors and admins', () => {
    expect(checkTransition('closed', 'open', 'agent').ok).toBe(false);
    expect(checkTransition('closed', 'open', 'technician').ok).toBe(false);
    expect(checkTransition('closed', 'open', 'supervisor').ok).toBe(true);
    expect(checkTransition('closed', 'open', 'admin').ok).toBe(true);
  });

  it('always allows keeping the same status, and never allows moving back to new', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...ROLES), (status, role) => {
        expect(checkTransition(status, status, role).ok).toBe(true);
        if (status !== 'new') expect(checkTransition(status, 'new', role).ok).toBe(false);
      }),
    );
  });
});
