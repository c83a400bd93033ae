import { describe, expect, it } from 'vitest';
import type { RoutingRule } from '../../shared/server-api/routing';
import { containsWords, type RoutingContext, type RoutingRequest, route } from './route';

const context: RoutingContext = {
  defaults: { queueId: 'q-hardware', impact: 3, urgency: 2 },
  queueIds: new Set(['q-hardware', 'q-service-desk', 'q-network', 'q-field-services']),
};

const request = (patch: Partial<RoutingRequest> = {}): RoutingRequest => ({
  catalogItemId: 'cat-new-laptop',
  title: 'New laptop for Rita Requester',
  description: 'My old one is slow',
  department: 'Finance',
  ...patch,
});

let counter = 0;
const rule = (
  patch: Partial<Omit<RoutingRule, 'conditions' | 'actions'>> & {
    conditions?: Partial<RoutingRule['conditions']>;
    actions?: Partial<RoutingRule['actions']>;
  },
): RoutingRule => {
  counter += 1;
  return {
    id: patch.id ?? `r-${counter}`,
    name: patch.name ?? `Rule ${counter}`,
    position: patch.position ?? counter,
    active: patch.active ?? true,
    conditions: { catalogItemIds: [], departments: [], keywords: [], ...patch.conditions },
    actions: { assignment: 'none', ...patch.actions },
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
};

describe('route', () => {
  it('uses the catalog item’s queue and priority when no rule matches', () => {
    const decision = route(
      request(),
      [rule({ conditions: { departments: ['Sales'] }, actions: { queueId: 'q-network' } })],
      context,
    );
    expect(decision).toEqual({
      queueId: 'q-hardware',
      impact: 3,
      urgency: 2,
      priority: 'P4',
      assignment: 'none',
      ruleId: null,
    });
  });

  it('routes by catalog item, department and keyword, all of which must hold', () => {
    const vip = rule({
      id: 'vip',
      conditions: { catalogItemIds: ['cat-new-laptop'], departments: ['finance'], keywords: ['slow'] },
      actions: { queueId: 'q-service-desk', impact: 2, urgency: 1, assignment: 'round_robin' },
    });
    expect(route(request(), [vip], context)).toMatchObject({
      queueId: 'q-service-desk',
      priority: 'P2',
      assignment: 'round_robin',
      ruleId: 'vip',
    });
    expect(route(request({ department: 'Sales' }), [vip], context).ruleId).toBeNull();
    expect(route(request({ catalogItemId: 'cat-phone' }), [vip], context).ruleId).toBeNull();
    expect(route(request({ description: 'It is fine' }), [vip], context).ruleId).toBeNull();
  });

  it('lets the first matching rule by position decide, skipping inactive rules and unknown queues', () => {
    const rules = [
      rule({ id: 'late', position: 20, actions: { queueId: 'q-network' } }),
      rule({ id: 'off', position: 1, active: false, actions: { queueId: 'q-field-services' } }),
      rule({ id: 'gone', position: 2, actions: { queueId: 'q-deleted' } }),
      rule({ id: 'early', position: 10, conditions: { keywords: ['laptop'] }, actions: { assignment: 'least_load' } }),
    ];
    const decision = route(request(), rules, context);
    expect(decision).toMatchObject({ ruleId: 'early', queueId: 'q-hardware', assignment: 'least_load' });
    expect(route(request({ title: 'Printer', description: '' }), rules, context).ruleId).toBe('late');
  });

  it('orders rules at the same position by id', () => {
    const rules = [rule({ id: 'b', position: 5, actions: { queueId: 'q-network' } }), rule({ id: 'a', position: 5 })];
    expect(route(request(), rules, context).ruleId).toBe('a');
  });
});

describe('keyword matching', () => {
  it('matches whole words and phrases without regard to case', () => {
    expect(containsWords('The VPN is down since 9', 'vpn')).toBe(true);
    expect(containsWords('The VPN is   down', 'vpn is down')).toBe(true);
    expect(containsWords('openvpn client', 'vpn')).toBe(false);
    expect(containsWords('Drucker in Straße 5', 'straße')).toBe(true);
    expect(containsWords('c++ compiler (c++)', 'c++')).toBe(true);
  });
});
