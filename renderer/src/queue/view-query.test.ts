import { describe, expect, it } from 'vitest';
import { NO_DUE, UNASSIGNED } from '../../../shared/domain/ticket';
import { makeSavedView } from '../../../shared/testing/fixtures';
import { titlePattern } from '../store/text-match';
import { DEFAULT_FILTERS, type Filters } from '../ui-state';
import { countSelectors, SORT_IN_MEMORY_MAX, sortFor, viewQuery } from './view-query';

const ctx = { me: 'u-agent', now: 1_000_000, saved: [] };
const NONE: Filters = { ...DEFAULT_FILTERS, statuses: [] };

describe('queue view queries', () => {
  it('lists open tickets of a view as its equality field plus one openKey range, counted exactly', () => {
    const mine = viewQuery({ kind: 'mine' }, DEFAULT_FILTERS, 'sla', ctx);
    expect(mine.bound).toEqual({ assigneeId: 'u-agent', openKey: { $lt: NO_DUE } });
    expect(mine.list.selector).toEqual(mine.bound);
    expect(mine.exact).toBe(true);
    expect(viewQuery({ kind: 'unassigned' }, DEFAULT_FILTERS, 'sla', ctx).bound).toEqual({
      assigneeId: UNASSIGNED,
      openKey: { $lt: NO_DUE },
    });
    expect(viewQuery({ kind: 'queue', queueId: 'q-network' }, NONE, 'sla', ctx).bound).toEqual({
      queueId: 'q-network',
    });
  });

  it('defines breached as due by now, and breaching soon as warning by now but not yet due', () => {
    expect(viewQuery({ kind: 'breached' }, DEFAULT_FILTERS, 'sla', ctx).bound).toEqual({
      openKey: { $lt: ctx.now + 1 },
    });
    const breaching = viewQuery({ kind: 'breaching' }, DEFAULT_FILTERS, 'sla', ctx);
    expect(breaching.bound).toEqual({ warnKey: { $lt: ctx.now + 1 } });
    expect(breaching.list).toEqual({
      selector: { warnKey: { $lt: ctx.now + 1 }, openKey: { $gte: ctx.now + 1, $lt: NO_DUE } },
      sort: sortFor('sla'),
      index: ['warnKey'],
    });
    // Its length: everything warned by now, less the breached.
    expect(breaching.less).toEqual({ openKey: { $lt: ctx.now + 1 } });
    expect(breaching.exact).toBe(true);
  });

  it('a breached view filtered to resolved tickets is empty without reading anything', () => {
    const q = viewQuery({ kind: 'breached' }, { ...NONE, statuses: ['resolved'] }, 'sla', ctx);
    const range = (q.bound as { openKey: { $gte: number; $lt: number } }).openKey;
    expect(range.$gte).toBeGreaterThanOrEqual(range.$lt);
  });

  it('checks filters no index serves on the documents, and then does not claim an exact count', () => {
    const q = viewQuery({ kind: 'mine' }, { ...DEFAULT_FILTERS, priorities: ['P1', 'P2'], tag: 'vpn' }, 'sla', ctx);
    expect(q.bound).toEqual({ assigneeId: 'u-agent', openKey: { $lt: NO_DUE } });
    expect(q.list.selector).toMatchObject({ priority: { $in: ['P1', 'P2'] }, tags: { $elemMatch: { $eq: 'vpn' } } });
    expect(q.exact).toBe(false);
  });

  it('uses the queue+assignee index for an assignee filter on a queue, and empties mine for another assignee', () => {
    const q = viewQuery({ kind: 'queue', queueId: 'q-net' }, { ...DEFAULT_FILTERS, assigneeId: 'u-x' }, 'sla', ctx);
    expect(q.bound).toEqual({ queueId: 'q-net', assigneeId: 'u-x', openKey: { $lt: NO_DUE } });
    expect(q.exact).toBe(true);
    const clash = viewQuery({ kind: 'mine' }, { ...DEFAULT_FILTERS, assigneeId: 'u-other' }, 'sla', ctx);
    const range = (clash.bound as { openKey: { $gte: number; $lt: number } }).openKey;
    expect(range.$gte).toBeGreaterThanOrEqual(range.$lt);
  });

  it('sorts ascending on indexed keys (descending sorts scan everything)', () => {
    for (const key of ['sla', 'priority', 'updated'] as const) {
      const sort = sortFor(key);
      expect(sort.every((part) => Object.values(part).every((dir) => dir === 'asc'))).toBe(true);
    }
    expect(sortFor('updated')[0]).toEqual({ updatedSort: 'asc' });
  });

  it('walks the sort index for large views and sorts small ones in memory', () => {
    const big = viewQuery({ kind: 'all' }, DEFAULT_FILTERS, 'updated', ctx, SORT_IN_MEMORY_MAX + 1);
    expect(big.list.index).toEqual(['updatedSort']);
    const small = viewQuery({ kind: 'all' }, DEFAULT_FILTERS, 'updated', ctx, 10);
    expect(small.list.index).toBeUndefined();
  });

  it('finds a ticket by its number or label and by words of its title', () => {
    expect(viewQuery({ kind: 'all' }, { ...NONE, text: 'INC-1042' }, 'sla', ctx).list.selector).toEqual({
      numberKey: 1042,
    });
    // Case and punctuation do not count: the title check is the one the palette uses (store/text-match.ts).
    const { title } = viewQuery({ kind: 'all' }, { ...NONE, text: 'vpn (home' }, 'sla', ctx).list.selector as {
      title: { $regex: string; $options: string };
    };
    const matches = (t: string) => new RegExp(title.$regex, title.$options).test(t);
    expect(['VPN (home office)', 'No VPN at home', 'vpn-home'].filter(matches)).toEqual(['VPN (home office)']);
    expect(matches('Guest Wi-Fi vpn  home')).toBe(true);
    // With the title index's candidates, the storage reads those tickets; the title check keeps the answer exact.
    const named = viewQuery({ kind: 'mine' }, { ...NONE, text: 'munich' }, 'sla', { ...ctx, textIds: ['t-2', 't-9'] });
    expect(named.list.selector).toEqual({
      assigneeId: 'u-agent',
      title: { $regex: titlePattern('munich'), $options: 'iu' },
      id: { $in: ['t-2', 't-9'] },
    });
    expect(named.exact).toBe(false);
  });

  it('counts a view in the sidebar as its open tickets', () => {
    expect(countSelectors({ kind: 'queue', queueId: 'q-net' }, ctx)).toEqual({
      count: { queueId: 'q-net', openKey: { $lt: NO_DUE } },
    });
    expect(countSelectors({ kind: 'breached' }, ctx)).toEqual({ count: { openKey: { $lt: ctx.now + 1 } } });
    expect(countSelectors({ kind: 'breaching' }, ctx)).toEqual({
      count: { warnKey: { $lt: ctx.now + 1 } },
      less: { openKey: { $lt: ctx.now + 1 } },
    });
  });

  it('resolves a saved view to the view it was saved from', () => {
    const saved = [
      makeSavedView({
        id: 's1',
        name: 'Net P1',
        definition: { base: { kind: 'queue', queueId: 'q-network' }, filters: DEFAULT_FILTERS, sort: 'sla' },
      }),
    ];
    expect(countSelectors({ kind: 'saved', id: 's1' }, { ...ctx, saved })).toEqual({
      count: { queueId: 'q-network', openKey: { $lt: NO_DUE } },
    });
  });
});
