import { cleanup, configure, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SlaAlert } from '../../../shared/ipc/contract';
import { DEMO_USERS } from '../rx/demo-data';
import type { WorkstationStore } from '../rx/store-api';
import { type FakePlatform, installFakePlatform, removeFakePlatform } from '../testing/fake-platform';
import { demoStore, renderInWorkspace } from '../testing/workspace';
import { SlaSchedule } from './SlaSchedule';
import { buildSchedule } from './schedule';

configure({ asyncUtilTimeout: 8000 });
const agent = DEMO_USERS.find((u) => u.role === 'agent') ?? (DEMO_USERS[0] as NonNullable<(typeof DEMO_USERS)[0]>);
let store: WorkstationStore;
let platform: FakePlatform;

beforeEach(async () => {
  platform = installFakePlatform('http://127.0.0.1:9');
  store = await demoStore(agent, 80);
});
afterEach(async () => {
  cleanup();
  removeFakePlatform();
  await store.close();
});

describe('SLA alert schedule', () => {
  it("holds the alerts of an agent's own tickets and their queues' tickets with a running clock, and no others", async () => {
    renderInWorkspace(store, agent, <SlaSchedule />);
    await waitFor(() => expect(platform.scheduleSlaAlerts).toHaveBeenCalled());
    const sent = (vi.mocked(platform.scheduleSlaAlerts).mock.calls.at(-1)?.[0].alerts ?? []) as SlaAlert[];

    // The same schedule built from every ticket, filtered here by hand.
    const all = (await store.db.tickets.find().exec()).map((d) => d.toMutableJSON());
    const mine = all.filter((t) => t.assigneeId === agent.id || agent.queueIds.includes(t.queueId));
    const policies = new Map((await store.db.sla_policies.find().exec()).map((d) => [d.id, d.toMutableJSON()]));
    const calendars = new Map((await store.db.calendars.find().exec()).map((d) => [d.id, d.toMutableJSON()]));
    const expected = buildSchedule(mine, policies, calendars, Date.now());
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(sent.map((a) => a.ticketId))).toEqual(new Set(expected.map((a) => a.ticketId)));
    const others = new Set(all.filter((t) => !mine.includes(t)).map((t) => t.id));
    expect(sent.some((a) => others.has(a.ticketId))).toBe(false);
  });
});
