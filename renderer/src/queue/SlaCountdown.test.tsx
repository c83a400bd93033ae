import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at, OFFICE, POLICY, slaTicket } from '../../../shared/sla/testing';
import type { WorkstationStore } from '../rx/store-api';
import { demoStore, demoUser, renderInWorkspace } from '../testing/workspace';
import { SlaCountdown } from './SlaCountdown';

const agent = demoUser('agent');
/** Warns at 60 % of the target (not the usual 75 %): the row must follow the ticket's own policy. */
const POLICY_60 = { ...POLICY, id: 'policy-warn-60', name: 'Warns early', warnAtPercent: 60 };
const t = (local: string) => at(local, 'Europe/Berlin');
/** Wednesday 10:00 in the Berlin office: P2 allows 1 h to respond, so the row warns from 10:36 and breaches at 11:00. */
const CREATED = t('2026-06-10T10:00');
const ticket = { ...slaTicket(CREATED), sla: { ...slaTicket(CREATED).sla, policyId: POLICY_60.id } };

let store: WorkstationStore;
beforeEach(async () => {
  store = await demoStore(agent, 0);
  await store.db.calendars.upsert(OFFICE);
  await store.db.sla_policies.upsert(POLICY_60);
});
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await store.close();
});

/** The row's countdown as it is painted at `now` (the clock stands still there). */
async function rowAt(now: number): Promise<HTMLElement> {
  vi.useFakeTimers({ toFake: ['Date'], now });
  const { container } = renderInWorkspace(store, agent, <SlaCountdown ticket={ticket} />);
  const cell = () => container.querySelector<HTMLElement>('.sla');
  // The policy arrives from the replica after the first paint.
  await waitFor(() => expect(cell()?.getAttribute('data-sla-state')).not.toBe('none'));
  const found = cell();
  if (!found) throw new Error('no countdown');
  return found;
}

describe('the list row’s SLA countdown', () => {
  it('is on track until the instant the ticket’s policy warns', async () => {
    const row = await rowAt(t('2026-06-10T10:35:59'));
    expect(row.dataset).toMatchObject({ slaState: 'ok', slaText: 'ok', slaClock: 'response' });
    expect(screen.getByText('Response 24m 01s left')).toBeTruthy();
    expect(row.title).toContain('(on track)');
  });

  it('shows the warning from exactly the policy’s warning instant, coloured as a warning', async () => {
    const row = await rowAt(t('2026-06-10T10:36'));
    expect(row.dataset).toMatchObject({ slaState: 'warning', slaText: 'warning', slaClock: 'response' });
    expect(row.style.color).toBe('');
    expect(screen.getByText('Response 24m 00s left')).toBeTruthy();
    expect(row.title).toContain('(due soon)');
  });

  it('turns breached at the due time', async () => {
    const row = await rowAt(t('2026-06-10T11:00'));
    expect(row.dataset).toMatchObject({ slaState: 'breached', slaText: 'breached' });
  });
});
