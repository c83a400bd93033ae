import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson } from '../canonical';
import { checkTransition, STATUSES, type Status } from '../domain/lifecycle';
import { type Level, priorityFrom } from '../domain/priority';
import { NO_DUE, type Ticket, UNASSIGNED } from '../domain/ticket';
import { MAX_TAGS, mergeTags, mergeTicket } from './merge';

const base: Ticket = {
  id: 't-1',
  number: 7,
  type: 'incident',
  title: 'Printer on floor 3 jams',
  description: 'Jams on every second page.',
  requesterId: 'u-req',
  status: 'open',
  impact: 2,
  urgency: 2,
  priority: 'P3',
  queueId: 'q-desk',
  assigneeId: UNASSIGNED,
  catalogItemId: '',
  category: 'Hardware',
  tags: ['printer', 'floor3'],
  formData: { model: 'HP 4050', pages: 2 },
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  firstResponseAt: null,
  resolvedAt: null,
  sla: {
    policyId: 'p-std',
    pauses: [],
    responseDueAt: '2026-03-02T13:00:00.000Z',
    resolutionDueAt: '2026-03-04T09:00:00.000Z',
    responseBreached: false,
    resolutionBreached: false,
    escalations: [],
  },
  slaDueAt: Date.parse('2026-03-02T13:00:00.000Z'),
  slaWarnAt: Date.parse('2026-03-02T12:00:00.000Z'),
};
const edit = (patch: Partial<Ticket>): Ticket => ({ ...base, ...patch });
const staff = { canMove: (from: Status, to: Status) => checkTransition(from, to, 'agent').ok };

describe('mergeTicket: a field changed on one side only takes that side', () => {
  const fields: Partial<Ticket>[] = [
    { title: 'Printer jams' },
    { description: 'Only on duplex.' },
    { status: 'pending' },
    { assigneeId: 'u-tech' },
    { priority: 'P1' },
    { impact: 1 },
    { urgency: 3 },
    { queueId: 'q-field' },
    { category: 'Printing' },
    { tags: ['printer'] },
    { formData: { model: 'HP 4050', pages: 3 } },
  ];
  for (const patch of fields) {
    const [field] = Object.keys(patch);
    it(`${field}: local change kept when master left it alone`, () => {
      const { merged, keptAside } = mergeTicket(base, edit(patch), edit({ updatedAt: '2026-03-02T10:00:00.000Z' }));
      expect(merged).toMatchObject(patch);
      expect(keptAside).toEqual([]);
    });
    it(`${field}: master change kept when local left it alone`, () => {
      const { merged, keptAside } = mergeTicket(base, edit({}), edit(patch));
      expect(merged).toMatchObject(patch);
      expect(keptAside).toEqual([]);
    });
  }

  it('different fields changed on each side are both kept', () => {
    const { merged, keptAside } = mergeTicket(base, edit({ assigneeId: 'u-tech' }), edit({ title: 'Jams on duplex' }));
    expect(merged.assigneeId).toBe('u-tech');
    expect(merged.title).toBe('Jams on duplex');
    expect(keptAside).toEqual([]);
  });

  it('both sides making the same change is no conflict', () => {
    const { merged, keptAside } = mergeTicket(base, edit({ priority: 'P1' }), edit({ priority: 'P1' }));
    expect(merged.priority).toBe('P1');
    expect(keptAside).toEqual([]);
  });
});

describe('mergeTicket: scalar fields changed on both sides → master (later in server order), local kept aside', () => {
  const cases: [keyof Ticket, Ticket[keyof Ticket], Ticket[keyof Ticket]][] = [
    ['assigneeId', 'u-alice', 'u-bob'],
    ['priority', 'P1', 'P4'],
    ['impact', 1, 3],
    ['urgency', 1, 3],
    ['queueId', 'q-field', 'q-network'],
    ['category', 'Printing', 'Network'],
  ];
  for (const [field, a, b] of cases) {
    for (const [localValue, masterValue] of [
      [a, b],
      [b, a],
    ]) {
      it(`${field}: local ${String(localValue)} vs master ${String(masterValue)}`, () => {
        const { merged, keptAside } = mergeTicket(base, edit({ [field]: localValue }), edit({ [field]: masterValue }));
        expect(merged[field]).toEqual(masterValue);
        expect(keptAside).toEqual([
          { field, rule: 'master-wins', base: base[field], local: localValue, master: masterValue },
        ]);
      });
    }
  }
});

describe('mergeTicket: impact, urgency and priority merge as one unit (priority = impact × urgency)', () => {
  const levels = (impact: Level, urgency: Level) => edit({ impact, urgency, priority: priorityFrom(impact, urgency) });

  it('changed on both sides: master’s three, the local values that differ kept aside', () => {
    // Field by field this would give impact 1 (master), urgency 1 (local) and priority P2 (master): refused.
    const { merged, keptAside } = mergeTicket(base, levels(2, 1), levels(1, 2));
    expect([merged.impact, merged.urgency, merged.priority]).toEqual([1, 2, 'P2']);
    // Local priority P2 equals the master's, local impact was not changed: only the urgency is kept aside.
    expect(keptAside.map((k) => [k.field, k.local, k.master])).toEqual([['urgency', 1, 2]]);
  });

  it('changed on one side only: that side’s three', () => {
    expect(mergeTicket(base, levels(1, 1), edit({ title: 'other' })).merged.priority).toBe('P1');
    expect(mergeTicket(base, edit({ title: 'other' }), levels(3, 3)).merged.priority).toBe('P4');
  });

  it('property: consistent sides always merge to a consistent ticket, and every changed local level is kept', () => {
    const level = fc.constantFrom<Level>(1, 2, 3);
    fc.assert(
      fc.property(level, level, level, level, (li, lu, mi, mu) => {
        const local = levels(li, lu);
        const { merged, keptAside } = mergeTicket(base, local, levels(mi, mu));
        expect(merged.priority).toBe(priorityFrom(merged.impact, merged.urgency));
        for (const field of ['impact', 'urgency', 'priority'] as const) {
          if (sameJson(local[field], base[field])) continue;
          const kept = keptAside.some((k) => k.field === field && sameJson(k.local, local[field]));
          expect(sameJson(merged[field], local[field]) || kept).toBe(true);
        }
      }),
    );
  });
});

describe('mergeTicket: title and description → master text, local text kept aside to re-apply', () => {
  for (const field of ['title', 'description'] as const) {
    for (const [localValue, masterValue] of [
      ['mine', 'theirs'],
      ['theirs', 'mine'],
    ]) {
      it(`${field}: local "${localValue}" vs master "${masterValue}"`, () => {
        const { merged, keptAside } = mergeTicket(base, edit({ [field]: localValue }), edit({ [field]: masterValue }));
        expect(merged[field]).toBe(masterValue);
        expect(keptAside).toEqual([
          { field, rule: 'text-master-wins', base: base[field], local: localValue, master: masterValue },
        ]);
      });
    }
  }
});

describe('mergeTicket: status follows the lifecycle', () => {
  it('local further along wins (resolve beats put on hold), nothing kept aside', () => {
    const { merged, keptAside } = mergeTicket(base, edit({ status: 'resolved' }), edit({ status: 'on_hold' }), staff);
    expect(merged.status).toBe('resolved');
    expect(keptAside).toEqual([]);
  });
  it('master further along wins, the local status is kept aside', () => {
    const { merged, keptAside } = mergeTicket(base, edit({ status: 'on_hold' }), edit({ status: 'resolved' }), staff);
    expect(merged.status).toBe('resolved');
    expect(keptAside).toEqual([
      { field: 'status', rule: 'lifecycle', base: 'open', local: 'on_hold', master: 'resolved' },
    ]);
  });
  it('a tie in rank keeps the master, local kept aside (both orders)', () => {
    for (const [local, master] of [
      ['pending', 'on_hold'],
      ['on_hold', 'pending'],
    ] as const) {
      const { merged, keptAside } = mergeTicket(base, edit({ status: local }), edit({ status: master }), staff);
      expect(merged.status).toBe(master);
      expect(keptAside.map((k) => k.local)).toEqual([local]);
    }
  });
  it('a move the server would refuse keeps the master status and keeps the local one aside', () => {
    const from = edit({ status: 'new' });
    const { merged, keptAside } = mergeTicket(from, edit({ status: 'closed' }), edit({ status: 'open' }), staff);
    expect(merged.status).toBe('open');
    expect(keptAside.map((k) => [k.field, k.local])).toEqual([['status', 'closed']]);
  });
  it('property: the merged status is local or master, and a changed local status that lost is kept aside', () => {
    const status = fc.constantFrom(...STATUSES);
    fc.assert(
      fc.property(status, status, status, (b, l, m) => {
        const { merged, keptAside } = mergeTicket(edit({ status: b }), edit({ status: l }), edit({ status: m }));
        expect([l, m]).toContain(merged.status);
        if (l !== b && l !== merged.status) expect(keptAside.map((k) => k.local)).toContain(l);
      }),
    );
  });
});

describe('mergeTicket: tags are merged as sets', () => {
  it('additions of both sides are kept (both orders)', () => {
    const a = mergeTicket(base, edit({ tags: [...base.tags, 'vip'] }), edit({ tags: [...base.tags, 'urgent'] }));
    const b = mergeTicket(base, edit({ tags: [...base.tags, 'urgent'] }), edit({ tags: [...base.tags, 'vip'] }));
    expect(new Set(a.merged.tags)).toEqual(new Set(['printer', 'floor3', 'vip', 'urgent']));
    expect(new Set(b.merged.tags)).toEqual(new Set(a.merged.tags));
    expect(a.keptAside).toEqual([]);
  });
  it('a removal on either side stays removed while the other side adds', () => {
    const a = mergeTicket(base, edit({ tags: ['printer'] }), edit({ tags: [...base.tags, 'vip'] }));
    const b = mergeTicket(base, edit({ tags: [...base.tags, 'vip'] }), edit({ tags: ['printer'] }));
    expect(a.merged.tags).toEqual(['printer', 'vip']);
    expect(new Set(b.merged.tags)).toEqual(new Set(['printer', 'vip']));
  });
  it('local additions that no longer fit under the limit are kept aside', () => {
    const master = Array.from({ length: MAX_TAGS }, (_, i) => `m${i}`);
    const { tags, dropped } = mergeTags([], ['mine'], master);
    expect(tags).toHaveLength(MAX_TAGS);
    expect(dropped).toEqual(['mine']);
  });
  it('property: every tag added on one side and removed on neither is in the result', () => {
    const tag = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const tags = fc.uniqueArray(tag, { maxLength: 6 });
    fc.assert(
      fc.property(tags, tags, tags, (b, l, m) => {
        const { tags: merged } = mergeTags(b, l, m);
        for (const t of [...l, ...m]) if (!b.includes(t)) expect(merged).toContain(t);
        for (const t of b) if (!l.includes(t) || !m.includes(t)) expect(merged).not.toContain(t);
      }),
    );
  });
});

describe('mergeTicket: formData merges per key', () => {
  it('different keys changed on each side are both kept', () => {
    const { merged, keptAside } = mergeTicket(
      base,
      edit({ formData: { model: 'HP 5000', pages: 2 } }),
      edit({ formData: { model: 'HP 4050', pages: 9 } }),
    );
    expect(merged.formData).toEqual({ model: 'HP 5000', pages: 9 });
    expect(keptAside).toEqual([]);
  });
  it('the same key changed on both sides → master, local kept aside (both orders)', () => {
    for (const [l, m] of [
      ['HP 5000', 'HP 6000'],
      ['HP 6000', 'HP 5000'],
    ] as const) {
      const { merged, keptAside } = mergeTicket(
        base,
        edit({ formData: { ...base.formData, model: l } }),
        edit({ formData: { ...base.formData, model: m } }),
      );
      expect(merged.formData.model).toBe(m);
      expect(keptAside).toEqual([
        { field: 'formData.model', rule: 'form-field', base: 'HP 4050', local: l, master: m },
      ]);
    }
  });
});

describe('mergeTicket: server-owned fields and special cases', () => {
  it('server-owned fields always come from the master, never kept aside', () => {
    const local = edit({ number: null, slaDueAt: NO_DUE, updatedAt: '2026-03-02T11:00:00.000Z' });
    const master = edit({ number: 8, slaDueAt: 5, updatedAt: '2026-03-02T10:00:00.000Z' });
    const { merged, keptAside } = mergeTicket(base, local, master);
    expect([merged.number, merged.slaDueAt, merged.updatedAt]).toEqual([8, 5, '2026-03-02T10:00:00.000Z']);
    expect(keptAside).toEqual([]);
  });
  it('without a base (a create whose answer was lost) identical content merges to the master silently', () => {
    const { merged, keptAside } = mergeTicket(null, edit({ number: null }), edit({ number: 12 }));
    expect(merged.number).toBe(12);
    expect(keptAside).toEqual([]);
  });
  it('without a base, differing values follow the both-changed rules', () => {
    const { merged, keptAside } = mergeTicket(null, edit({ title: 'mine' }), edit({ title: 'theirs' }));
    expect(merged.title).toBe('theirs');
    expect(keptAside.map((k) => k.local)).toEqual(['mine']);
  });
  it('a deleted master wins and every local change is kept aside', () => {
    const master = { ...base, _deleted: true };
    const { merged, keptAside } = mergeTicket(
      { ...base, _deleted: false },
      { ...edit({ title: 'mine', assigneeId: 'u-x' }), _deleted: false },
      master,
    );
    expect(merged._deleted).toBe(true);
    expect(keptAside.map((k) => k.field).sort()).toEqual(['assigneeId', 'title']);
  });
});

describe('mergeTicket: no local edit is ever lost (property)', () => {
  const statusArb = fc.constantFrom(...STATUSES);
  const patchArb = fc.record(
    {
      title: fc.constantFrom('A', 'B', 'C'),
      description: fc.constantFrom('x', 'y'),
      status: statusArb,
      assigneeId: fc.constantFrom('', 'u1', 'u2'),
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
      queueId: fc.constantFrom('q1', 'q2'),
      tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
      formData: fc.dictionary(fc.constantFrom('k1', 'k2'), fc.constantFrom('v1', 'v2')),
    },
    { requiredKeys: [] },
  );
  it('every locally changed field is in the merged ticket or kept aside', () => {
    fc.assert(
      fc.property(patchArb, patchArb, (localPatch, masterPatch) => {
        const local = edit(localPatch as Partial<Ticket>);
        const master = edit(masterPatch as Partial<Ticket>);
        const { merged, keptAside } = mergeTicket(base, local, master);
        for (const [field, value] of Object.entries(localPatch)) {
          if (sameJson(value, base[field as keyof Ticket])) continue;
          if (field === 'tags' || field === 'formData') continue; // checked by their own properties
          const kept = keptAside.some((k) => k.field === field && sameJson(k.local, value));
          expect(sameJson(merged[field as keyof Ticket], value) || kept).toBe(true);
        }
      }),
    );
  });
  it('merging is idempotent: merging the result with the same master changes nothing', () => {
    fc.assert(
      fc.property(patchArb, patchArb, (localPatch, masterPatch) => {
        const master = edit(masterPatch as Partial<Ticket>);
        const { merged } = mergeTicket(base, edit(localPatch as Partial<Ticket>), master);
        const again = mergeTicket(master, merged, master);
        expect(again.merged).toEqual(merged);
        expect(again.keptAside).toEqual([]);
      }),
    );
  });
});
