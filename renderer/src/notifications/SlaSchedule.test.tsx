import { waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SlaAlert } from '../../../shared/ipc/contract';
import { demoUser, demoWorkspaceEachTest, renderInWorkspace } from '../testing/workspace';
import { SlaSchedule } from './SlaSchedule';
import { buildSchedule } from './schedule';

const agent = demoUser('agent');
const desk = demoWorkspaceEachTest(agent, 80);

describe('SLA alert schedule', () => {
  it("holds the alerts of an agent's own tickets and their queues' tickets with a running clock, and no others", async () => {
    const { store, platform } = desk;
    renderInWorkspace(store, agent, <SlaSchedule />);
    await waitFor(() => expect(platform.scheduleSlaAlerts).toHaveBeenCalled());
    const sent = (vi.mocked(platform.scheduleSlaAlerts).mock.calls.at(-1)?.[0].alerts ?? []) as SlaAlert[];

    // The same schedule built from every ticket, filtered here by hand.
    const all = (await store.db.tickets.find().exec()).map((d) => d.toMutableJSON());
    const mine = all.filter((t) => t.assigneeId === agent.id || agent.queueIds.includes(t.queueId));
    const policies = new Map((await store.db.sla_policies.find().exec()).map((d) => [d.id, d.toMutableJSON()]));
    const calendars = new Map((await store.db.calendars.find().exec()).map((d) => [d.id, d.toMutableJSON()]));
    const expected = buildSchedule(mine, { policies, calendars }, Date.now());
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(sent.map((a) => a.ticketId))).toEqual(new Set(expected.map((a) => a.ticketId)));
    const others = new Set(all.filter((t) => !mine.includes(t)).map((t) => t.id));
    expect(sent.some((a) => others.has(a.ticketId))).toBe(false);
  });
});
