/**
 * Server push throughput over real HTTP (loopback), on each engine: 8 workstations push at once, 10 rows a request,
 * for a bounded time. Each works on its own tickets (as a supervisor): 80 % edits of existing tickets (title, tags),
 * 15 % new tickets, 5 % edits made against a stale master, which the server answers as conflicts (the realistic
 * conflict rate). The figure counts every row the server decided (written or conflict) per second.
 */

import { randomBytes } from 'node:crypto';
import type { Ticket } from '../../shared/domain/ticket';
import { makeTicket } from '../../shared/testing/fixtures';
import type { BenchContext, Benchmark } from './lib/context';
import { ENGINE_LABELS, signInApi } from './lib/engines';
import { atLeast, errorText, type Figure, failed, figure, percentile } from './lib/figures';

const TARGET = 2000;
const CLIENTS = 8;
const ROWS_PER_PUSH = 10;
const CONFLICT_RATE = 0.05;
const CREATE_RATE = 0.15;

type Doc = Record<string, unknown> & { id: string };

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

async function ticketsToEdit(url: string, token: string, count: number): Promise<Doc[]> {
  const response = await fetch(`${url}/api/sync/tickets/pull?limit=${count}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { documents } = (await response.json()) as { documents: Doc[] };
  return documents.map(({ _deleted, ...doc }) => doc as Doc);
}

export const serverPush: Benchmark = {
  name: 'server-push',
  title: `server push throughput: ${CLIENTS} workstations, ${ROWS_PER_PUSH} rows a push, ${CONFLICT_RATE * 100} % conflicts`,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const engine of ctx.engines) {
      const label = ENGINE_LABELS[engine];
      try {
        const server = await ctx.server(engine);
        const { token } = await signInApi(server.url, 'supervisor@demo.local');
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        const pool = await ticketsToEdit(server.url, token, 5000);
        const perClient = Math.floor(pool.length / CLIENTS);
        const seconds = ctx.quick ? 6 : 20;
        const until = performance.now() + seconds * 1000;
        const totals = { written: 0, conflicts: 0, rejected: 0, requests: 0 };
        const latencies: number[] = [];
        const problems: string[] = [];
        const started = performance.now();
        await Promise.all(
          Array.from({ length: CLIENTS }, async (_, client) => {
            const mine = pool.slice(client * perClient, (client + 1) * perClient);
            let cursor = 0;
            let edit = 0;
            while (performance.now() < until && problems.length === 0) {
              const rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[] = [];
              const expectConflict: boolean[] = [];
              for (let r = 0; r < ROWS_PER_PUSH; r++) {
                const dice = Math.random();
                if (dice < CREATE_RATE || mine.length === 0) {
                  rows.push({ assumedMasterState: null, newDocumentState: newTicket() as unknown as Doc });
                  expectConflict.push(false);
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
                  expectConflict.push(true);
                } else {
                  rows.push({ assumedMasterState: before, newDocumentState: after });
                  expectConflict.push(false);
                  mine[index] = after;
                }
              }
              const at = performance.now();
              const response = await fetch(`${server.url}/api/sync/tickets/push`, {
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
              totals.rejected += body.rejected.length;
              totals.written += rows.length - body.conflicts.length - body.rejected.length;
              if (body.rejected.length > 0) problems.push(`refused: ${body.rejected[0]?.message}`);
              const expected = expectConflict.filter(Boolean).length;
              if (body.conflicts.length !== expected) {
                problems.push(`expected ${expected} conflicts, got ${body.conflicts.length}`);
              }
            }
          }),
        );
        const elapsed = (performance.now() - started) / 1000;
        const decided = totals.written + totals.conflicts;
        figures.push(
          figure(
            `push (${label})`,
            problems.length > 0 ? null : decided / elapsed,
            'changes/s',
            atLeast(TARGET),
            `${decided} rows in ${elapsed.toFixed(1)} s (${totals.written} written, ${totals.conflicts} conflicts = ${((100 * totals.conflicts) / Math.max(1, decided)).toFixed(1)} %), ${totals.requests} requests, latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms${problems.length ? `; ${problems[0]}` : ''}`,
          ),
        );
      } catch (error) {
        figures.push(failed(`push (${label})`, 'changes/s', atLeast(TARGET), errorText(error)));
      }
    }
    return figures;
  },
};
