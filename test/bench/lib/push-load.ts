/**
 * The push benchmarks' load: workstations pushing tickets as fast as the server answers, each on its own tickets
 * (80 % edits, 15 % new tickets, 5 % edits made against a stale master, which the server answers as conflicts: the
 * realistic conflict rate), spread over one or more server processes. Counts every row the server decided (written
 * or conflict).
 */
import { randomBytes } from 'node:crypto';
import type { Ticket } from '../../../shared/domain/ticket';
import { makeTicket } from '../../../shared/testing/fixtures';
import { percentile } from './figures';

const CONFLICT_RATE = 0.05;
const CREATE_RATE = 0.15;

export type Doc = Record<string, unknown> & { id: string };

export interface PushLoad {
  /** Server processes: workstation `i` pushes to `urls[i % urls.length]`. */
  urls: string[];
  token: string;
  /** Tickets to edit, shared out among the workstations (each edits only its own). */
  pool: Doc[];
  workstations: number;
  rowsPerPush: number;
  seconds: number;
  /** Ends the load early (each workstation finishes the push it is waiting for). */
  signal?: AbortSignal;
}

export interface PushTotals {
  /** Rows decided per second. */
  rate: number;
  decided: number;
  written: number;
  conflicts: number;
  requests: number;
  seconds: number;
  p50: number;
  p95: number;
  /** The first thing that went wrong (a refused push, an unexpected answer), or null. */
  problem: string | null;
}

export const CONFLICT_PERCENT = CONFLICT_RATE * 100;

function newTicket(): Ticket {
  const now = new Date().toISOString();
  const ticket = makeTicket({
    id: `bench-${randomBytes(8).toString('hex')}`,
    title: 'Benchmark ticket',
    description: 'Pushed by the push benchmark',
    category: '',
    createdAt: now,
    updatedAt: now,
  });
  return { ...ticket, sla: { ...ticket.sla, policyId: '' } };
}

/** Tickets a supervisor may edit: the first `count` the server serves them. */
export async function ticketsToEdit(url: string, token: string, count: number): Promise<Doc[]> {
  const response = await fetch(`${url}/api/sync/tickets/pull?limit=${count}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { documents } = (await response.json()) as { documents: Doc[] };
  return documents.map(({ _deleted, ...doc }) => doc as Doc);
}

export async function runPushLoad(load: PushLoad): Promise<PushTotals> {
  const headers = { authorization: `Bearer ${load.token}`, 'content-type': 'application/json' };
  const perClient = Math.floor(load.pool.length / load.workstations);
  const until = performance.now() + load.seconds * 1000;
  const totals = { written: 0, conflicts: 0, requests: 0 };
  const latencies: number[] = [];
  const problems: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: load.workstations }, async (_, client) => {
      const url = load.urls[client % load.urls.length];
      const mine = load.pool.slice(client * perClient, (client + 1) * perClient);
      let cursor = 0;
      let edit = 0;
      while (performance.now() < until && !load.signal?.aborted && problems.length === 0) {
        const rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[] = [];
        let expected = 0;
        for (let r = 0; r < load.rowsPerPush; r++) {
          const dice = Math.random();
          if (dice < CREATE_RATE || mine.length === 0) {
            rows.push({ assumedMasterState: null, newDocumentState: newTicket() as unknown as Doc });
            continue;
          }
          // Each row of a request edits a different ticket.
          const index = cursor++ % mine.length;
          const before = mine[index] as Doc;
          edit += 1;
          const after: Doc = { ...before, title: `Edited by bench ${client}-${edit}`, tags: [`b${edit % 7}`] };
          if (dice < CREATE_RATE + CONFLICT_RATE) {
            rows.push({
              assumedMasterState: { ...before, title: 'a state the server never had' },
              newDocumentState: after,
            });
            expected += 1;
          } else {
            rows.push({ assumedMasterState: before, newDocumentState: after });
            mine[index] = after;
          }
        }
        const at = performance.now();
        const response = await fetch(`${url}/api/sync/tickets/push`, {
          method: 'POST',
          headers,
          body: JSON.stringify(rows),
        });
        const body = (await response.json()) as { conflicts: unknown[]; rejected: { message: string }[] };
        latencies.push(performance.now() - at);
        if (!response.ok) {
          problems.push(`push answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
          break;
        }
        totals.requests += 1;
        totals.conflicts += body.conflicts.length;
        totals.written += rows.length - body.conflicts.length - body.rejected.length;
        if (body.rejected.length > 0) problems.push(`refused: ${body.rejected[0]?.message}`);
        if (body.conflicts.length !== expected) {
          problems.push(`expected ${expected} conflicts, got ${body.conflicts.length}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const decided = totals.written + totals.conflicts;
  return {
    rate: decided / seconds,
    decided,
    ...totals,
    seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    problem: problems[0] ?? null,
  };
}

/** One line describing a run, for a figure's note. */
export function describeLoad(totals: PushTotals): string {
  const share = (100 * totals.conflicts) / Math.max(1, totals.decided);
  return `${totals.decided} rows in ${totals.seconds.toFixed(1)} s (${totals.written} written, ${totals.conflicts} conflicts = ${share.toFixed(1)} %), ${totals.requests} requests, latency p50 ${totals.p50.toFixed(0)} ms, p95 ${totals.p95.toFixed(0)} ms${totals.problem ? `; ${totals.problem}` : ''}`;
}
