import { describe, expect, it } from 'vitest';
import { mayUse } from './access';
import { allowedNextStatuses } from './lifecycle';
import { canSupervise, ROLES } from './user';

describe('who supervises', () => {
  it('is supervisors and admins, and every supervising right follows it', () => {
    expect(ROLES.filter(canSupervise)).toEqual(['supervisor', 'admin']);
    for (const role of ROLES) {
      expect(mayUse(role, 'workload'), role).toBe(canSupervise(role));
      expect(mayUse(role, 'ticketHistory'), role).toBe(canSupervise(role));
      expect(allowedNextStatuses('closed', role).includes('open'), role).toBe(canSupervise(role));
    }
  });
});
