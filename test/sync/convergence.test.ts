import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreActions } from '../../renderer/src/store/actions';
import { sameJson } from '../../shared/canonical';
import { LIFECYCLE_RANK, type Status } from '../../shared/domain/lifecycle';
import type { Ticket } from '../../shared/domain/ticket';
import { makeTicket } from '../../shared/testing/fixtures';
import { RemoteClient } from './harness/clients';
import type { ClientSnapshot } from './harness/protocol';
import {
  type Persona,
  type RealBackend,
  SERVICE_DESK,
  type ServerView,
  type Session,
  startRealBackend,
  TEST_ENGINES,
} from './harness/real-backend';

/**
 * Convergence property against the real server: three workstations (agent, supervisor, technician) each run a random
 * sequence of creates, edits, priority and status changes, comments, reassignments, offline/online switches,
 * server restarts, the working set moving (every ticket done so far leaves it, or the whole history comes back), and a
 * ticket outside it brought back to be worked on (the pane's b). When all are back online and in sync:
 * - every replica equals what a fresh pull gives its user (the technician's: the tickets assigned to them);
 * - every comment anyone wrote exists exactly once on the server;
 * - every created ticket got its number or is visibly refused;
 * - every field edit is in the final state, or in a visible conflict or rejection record of its author, or was
 *   overwritten by someone who had seen it, or (status) lost to a status further along the lifecycle.
 * CI runs 8 cases per engine; CONVERGENCE_RUNS=200 runs a long search (it found the server state lost to a local
 * edit that changed nothing, store/no-op-writes.ts; and with 150 cases, 2026-12-08, a ticket edited offline after it
 * left the working set kept in its writer's replica, now brought back by the write); CONVERGENCE_CASE replays one
 * sequence.
 */
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 8);
const PERSONAS: Persona[] = ['agent', 'supervisor', 'technician'];
const TECHNICIAN = 'u-technician';
const TICKETS_PER_RUN = 3;

type Op =
  | { kind: 'edit'; who: number; ticket: number; field: 'title' | 'description' }
  | { kind: 'priority'; who: number; ticket: number; priority: Ticket['priority'] }
  | { kind: 'status'; who: number; ticket: number; status: Status }
  | { kind: 'comment'; who: number; ticket: number }
  | { kind: 'reassign'; ticket: number; to: typeof TECHNICIAN | 'u-agent' | '' }
  | { kind: 'create'; who: number }
  | { kind: 'offline'; who: number }
  | { kind: 'online'; who: number }
  | { kind: 'sync'; who: number }
  | { kind: 'restart' }
  | { kind: 'age' }
  | { kind: 'everything' }
  | { kind: 'bringBack'; who: number; ticket: number };

const who = fc.integer({ min: 0, max: PERSONAS.length - 1 });
const ticket = fc.integer({ min: 0, max: TICKETS_PER_RUN - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      who,
      ticket,
      field: fc.constantFrom('title' as const, 'description' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('priority' as const),
      who,
      ticket,
      priority: fc.constantFrom('P1' as const, 'P2' as const, 'P3' as const, 'P4' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      who,
      ticket,
      status: fc.constantFrom<Status>('open', 'pending', 'on_hold', 'resolved'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('comment' as const), who, ticket }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reassign' as const),
      ticket,
      to: fc.constantFrom(TECHNICIAN, 'u-agent' as const, '' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), who }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offline' as const), who }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('online' as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), who }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'age' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'everything' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bringBack' as const), who, ticket }) },
);

interface Edit {
  who: number;
  ticketId: string;
  field: keyof Ticket;
  value: unknown;
  /** The value the author's replica showed just before the edit. */
  before: unknown;
}

let clients: RemoteClient[] = [];
beforeAll(async () => {
  clients = await Promise.all(PERSONAS.map(() => RemoteClient.spawn()));
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.terminate()));
});
const client = (i: number) => clients[i] as RemoteClient;

describe.each(TEST_ENGINES)('convergence of three workstations against the real server (%s)', (engine) => {
  let backend: RealBackend;
  let runNo = 0;
  /** Edits the stores accepted over all runs: a guard against a harness that silently refuses everything. */
  let accepted = 0;
  /** Tickets that left the working set and came back, over all runs (reported by long runs). */
  const moved = { left: 0, returned: 0, broughtBack: 0 };
  const moveWorkingSet = async (to: 'now' | 'all') => {
    const outcome = await backend.moveWorkingSet(to);
    moved.left += outcome.left;
    moved.returned += outcome.returned;
  };
  beforeAll(async () => {
    backend = await startRealBackend(engine);
  }, 120_000);
  afterAll(async () => {
    await backend?.stop();
  });

  async function run(ops: Op[]): Promise<void> {
    runNo += 1;
    const sessions: Session[] = [];
    try {
      const supervisor = await backend.login('supervisor');
      const ticketIds = await createRunTickets(backend, supervisor.token);
      for (const [i, persona] of PERSONAS.entries()) {
        const session = await backend.login(persona);
        sessions.push(session);
        await client(i).open({ ...session, serverUrl: backend.url, deviceId: `${engine}-${persona}-${runNo}` });
      }
      await Promise.all(clients.map((c) => c.awaitInSync()));
      const online = PERSONAS.map(() => true);
      const edits: Edit[] = [];
      const comments: string[] = [];
      const created: string[] = [];
      const track = async <K extends 'updateTicket' | 'setPriority' | 'setStatus' | 'assign'>(
        i: number,
        ticketId: string,
        field: keyof Ticket,
        value: unknown,
        name: K,
        ...args: Parameters<StoreActions[K]>
      ) => {
        const { before, ok } = await client(i).tracked(ticketId, field, name, ...args);
        // A no-op (the replica already showed the value) is not an edit.
        if (ok && !sameJson(before, value)) edits.push({ who: i, ticketId, field, value, before });
        if (ok) accepted += 1;
      };
      const pick = (n: number) => ticketIds[n % ticketIds.length] as string;

      for (const [n, op] of ops.entries()) {
        switch (op.kind) {
          case 'edit': {
            const value = `${op.field}-${runNo}-${n}-by-${PERSONAS[op.who]}`;
            await track(op.who, pick(op.ticket), op.field, value, 'updateTicket', pick(op.ticket), {
              [op.field]: value,
            });
            break;
          }
          case 'priority':
            await track(op.who, pick(op.ticket), 'priority', op.priority, 'setPriority', pick(op.ticket), op.priority);
            break;
          case 'status':
            await track(op.who, pick(op.ticket), 'status', op.status, 'setStatus', pick(op.ticket), op.status);
            break;
          case 'comment': {
            const body = `comment-${runNo}-${n}-by-${PERSONAS[op.who]}`;
            const result = await client(op.who).act('addComment', pick(op.ticket), body, 'internal');
            if (result.ok) comments.push(body);
            break;
          }
          case 'reassign':
            await track(1, pick(op.ticket), 'assigneeId', op.to, 'assign', pick(op.ticket), op.to);
            break;
          case 'create': {
            const result = await client(op.who).act('createTicket', {
              type: 'incident',
              title: `created-${runNo}-${n}`,
              queueId: SERVICE_DESK,
              impact: 2,
              urgency: 2,
            });
            if (result.ok) {
              created.push(result.value.id);
              ticketIds.push(result.value.id);
            }
            break;
          }
          case 'offline':
          case 'online':
            online[op.who] = op.kind === 'online';
            await client(op.who).setOnline(op.kind === 'online');
            break;
          case 'sync':
            if (online[op.who]) await client(op.who).awaitInSync();
            break;
          case 'restart':
            await backend.restart();
            break;
          case 'age':
            await moveWorkingSet('now');
            break;
          case 'everything':
            await moveWorkingSet('all');
            break;
          case 'bringBack': {
            // As the pane's b does, for one of the run's tickets outside the working set if any (offline, nothing is
            // asked). Every replica whose scope holds it must then pull it: the settle below checks.
            const outside = (await backend.outsideWorkingSet()).filter((id) => ticketIds.includes(id));
            const brought = await client(op.who).bringBack(
              outside[op.ticket % Math.max(1, outside.length)] ?? pick(op.ticket),
            );
            if (brought.ok && brought.value) moved.broughtBack += 1;
            break;
          }
        }
      }

      await Promise.all(clients.map((c) => c.setOnline(true)));
      const { views, snapshots } = await settle(sessions);
      // Edits to tickets that left the working set count too: the server's whole state, not a replica's view.
      const everything = await backend.everything();

      for (const [i, snap] of snapshots.entries()) {
        const view = views[i] as ServerView;
        expect(byId(snap.tickets), `${PERSONAS[i]} replica equals the server`).toEqual(byId(view.tickets));
        expect(byId(snap.comments), `${PERSONAS[i]} has every comment it may see`).toEqual(byId(view.comments));
        expect(snap.pendingCount, `${PERSONAS[i]} has nothing pending`).toBe(0);
      }
      const bodies = everything.comments.map((c) => c.body);
      const refusedComments = snapshots.flatMap((s) =>
        s.rejections.filter((r) => r.collection === 'comments').map((r) => (r.local as { body: string }).body),
      );
      for (const body of comments) {
        const copies = bodies.filter((b) => b === body).length;
        expect(
          copies === 1 || (copies === 0 && refusedComments.includes(body)),
          `${body}: once, or visibly refused`,
        ).toBe(true);
      }
      for (const id of created) {
        const made = everything.tickets.find((t) => t.id === id);
        const refused = snapshots.some((s) => s.rejections.some((r) => r.docId === id));
        expect(made?.number != null || refused, `created ticket ${id} got a number or is visibly refused`).toBe(true);
      }
      for (const edit of edits) {
        const final = everything.tickets.find((t) => t.id === edit.ticketId);
        const mine = snapshots[edit.who] as ClientSnapshot;
        const later = edits.filter(
          (e) =>
            e !== edit &&
            e.ticketId === edit.ticketId &&
            e.field === edit.field &&
            edits.indexOf(e) > edits.indexOf(edit),
        );
        const kept =
          (final && sameJson(final[edit.field], edit.value)) ||
          mine.conflicts.some(
            (c) => c.docId === edit.ticketId && c.field === edit.field && sameJson(c.local, edit.value),
          ) ||
          mine.rejections.some(
            (r) => r.docId === edit.ticketId && sameJson((r.local as Ticket)[edit.field], edit.value),
          ) ||
          // the author (or someone who had seen the value) changed it again later
          later.some((e) => e.who === edit.who || sameJson(e.before, edit.value)) ||
          (edit.field === 'status' &&
            final !== undefined &&
            LIFECYCLE_RANK[final.status] >= LIFECYCLE_RANK[edit.value as Status]);
        expect(
          kept,
          `edit ${JSON.stringify(edit)} is in the final state or visibly kept; final ${JSON.stringify(final?.[edit.field])}, edits ${JSON.stringify(edits.filter((e) => e.ticketId === edit.ticketId && e.field === edit.field))}, conflicts ${JSON.stringify(mine.conflicts.map((c) => [c.docId, c.field, c.local]))}`,
        ).toBe(true);
      }
    } finally {
      await Promise.all(clients.map((c) => c.closeStore().catch(() => undefined)));
      // The next run starts from the whole history.
      await moveWorkingSet('all');
    }
  }

  /**
   * Everyone in sync with the server and the server quiet. The server's SLA scheduler may still write after the
   * last sync (it reacts to ticket changes), so this repeats until replicas and server agree or attempts run out;
   * the assertions then show any difference that remained.
   */
  async function settle(sessions: Session[]): Promise<{ views: ServerView[]; snapshots: ClientSnapshot[] }> {
    let views: ServerView[] = [];
    let snapshots: ClientSnapshot[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      // Two rounds so each client sees what the others pushed last.
      for (let round = 0; round < 2; round++) for (const c of clients) await c.awaitInSync();
      views = await Promise.all(sessions.map((s) => backend.view(s.token)));
      snapshots = await Promise.all(clients.map((c) => c.snapshot()));
      const agree = snapshots.every(
        (snap, i) =>
          sameJson(byId(snap.tickets), byId(views[i]?.tickets ?? [])) &&
          sameJson(byId(snap.comments), byId(views[i]?.comments ?? [])),
      );
      if (agree) break;
    }
    return { views, snapshots };
  }

  // CONVERGENCE_CASE replays one sequence instead, e.g. a counterexample: CONVERGENCE_CASE='[{"kind":"comment","who":0,"ticket":1}]'
  const replay = process.env.CONVERGENCE_CASE;
  it(
    'all replicas equal the server; no comment or field edit is lost',
    async () => {
      if (replay) await run(JSON.parse(replay));
      else
        await fc.assert(
          fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), (ops) => run(ops)),
          { numRuns: RUNS, endOnFailure: true },
        );
      expect(accepted, 'edits were accepted at all').toBeGreaterThan(0);
      if (process.env.CONVERGENCE_RUNS) console.info(`${engine}: working set moves`, moved);
    },
    Math.max(300_000, RUNS * 60_000),
  );
});

/** The run's tickets, created by the supervisor's desk: the first assigned to the technician. */
async function createRunTickets(backend: RealBackend, token: string): Promise<string[]> {
  const now = new Date().toISOString();
  const docs = Array.from({ length: TICKETS_PER_RUN }, (_, i) =>
    makeTicket({
      id: randomUUID(),
      number: null,
      status: 'open',
      queueId: SERVICE_DESK,
      assigneeId: i === 0 ? TECHNICIAN : '',
      createdAt: now,
      updatedAt: now,
    }),
  );
  await backend.push(
    token,
    'tickets',
    docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
  );
  return docs.map((d) => d.id);
}

const byId = <D extends { id: string }>(list: D[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
