import { describe, expect, it } from 'vitest';
import { NO_DUE, UNASSIGNED } from '../../../shared/domain/ticket';
import { DEFAULT_FILTERS } from '../ui-state';
import { BREACHING_WINDOW_MS, filterSelector, listSelector, sortFor, viewSelector } from './view-query';

const ctx = { me: 'u-agent', now: 1_000_000, saved: [] };

describe('queue view queries', () => {
  it('puts the view equality field first so the compound index serves it', () => {
    expect(viewSelector({ kind: 'mine' }, ctx)).toEqual({ assigneeId: 'u-agent' });
    expect(viewSelector({ kind: 'unassigned' }, ctx)).toEqual({ assigneeId: UNASSIGNED });
    expect(viewSelector({ kind: 'queue', queueId: 'q-network' }, ctx)).toEqual({ queueId: 'q-network' });
  });

  it('defines breaching soon and breached on the SLA sort key', () => {
    expect(viewSelector({ kind: 'breached' }, ctx)).toEqual({ slaDueAt: { $lt: ctx.now } });
    expect(viewSelector({ kind: 'breaching' }, ctx)).toEqual({
      slaDueAt: { $gte: ctx.now, $lt: ctx.now + BREACHING_WINDOW_MS },
    });
    expect(ctx.now + BREACHING_WINDOW_MS).toBeLessThan(NO_DUE);
  });

  it('sorts ascending on indexed keys (descending sorts scan everything)', () => {
    for (const key of ['sla', 'priority', 'updated'] as const) {
      const sort = sortFor(key);
      expect(sort.every((part) => Object.values(part).every((dir) => dir === 'asc'))).toBe(true);
    }
    expect(sortFor('updated')[0]).toEqual({ updatedSort: 'asc' });
  });

  it('finds a ticket by its number or label and by words of its title', () => {
    expect(filterSelector({ ...DEFAULT_FILTERS, statuses: [], text: 'INC-1042' })).toEqual({ numberKey: 1042 });
    expect(filterSelector({ ...DEFAULT_FILTERS, statuses: [], text: 'vpn (home' })).toEqual({
      title: { $regex: 'vpn \\(home', $options: 'i' },
    });
  });

  it('narrows with $and when a filter names the same field as the view', () => {
    const sel = listSelector({ kind: 'mine' }, { ...DEFAULT_FILTERS, assigneeId: 'u-other' }, ctx);
    expect(sel).toEqual({
      $and: [{ assigneeId: 'u-agent', status: { $in: DEFAULT_FILTERS.statuses } }, { assigneeId: 'u-other' }],
    });
  });

  it('resolves a saved view to the view it was saved from', () => {
    const saved = [
      {
        id: 's1',
        name: 'Net P1',
        view: { kind: 'queue' as const, queueId: 'q-network' },
        filters: DEFAULT_FILTERS,
        sort: 'sla' as const,
      },
    ];
    expect(viewSelector({ kind: 'saved', id: 's1' }, { ...ctx, saved })).toEqual({ queueId: 'q-network' });
  });
});
