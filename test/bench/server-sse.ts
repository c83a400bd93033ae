/**
 * Live streams under load. Server-Sent-Events clients (supervisors and admins, so every change concerns every
 * stream) are held open; one workstation pushes ticket edits one after another, and each stream's arrival of the
 * matching change event is timed from the moment the push was sent (loopback). Scenarios:
 *
 * - 500 streams, on each engine (the desk's everyday size);
 * - 10 000 streams on one PostgreSQL process;
 * - 5 000 streams with 8 workstations pushing alongside as fast as they can, and 100 more streams whose clients stop
 *   reading: the server's memory (resident set, from /proc) before and after shows whether it buffers for them.
 */
import { readFile } from 'node:fs/promises';
import { type ClientRequest, request } from 'node:http';
import type { BenchContext, Benchmark } from './lib/context';
import { type BenchServer, ENGINE_LABELS, type EngineName, signInApi } from './lib/engines';
import { atLeast, atMost, errorText, type Figure, failed, figure, percentile } from './lib/figures';
import { describeLoad, type PushTotals, runPushLoad, ticketsToEdit } from './lib/push-load';

export const SSE_CLIENTS = 500;
const TARGET_P95_MS = 300;
const STALLED = 100;
/** The timed edits go round the first tickets the server serves; writers alongside leave those alone. */
const TIMED_TICKETS = 20;
/** Growth of the server's resident memory, once warm, while stalled streams are sent events. */
const MEMORY_GROWTH_MB = 20;

interface Stream {
  connected: boolean;
  changes: number[];
  request: ClientRequest;
}

function openStream(url: string, token: string, reads = true): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { connected: false, changes: [], request: undefined as unknown as ClientRequest };
    let buffer = '';
    const req = request(
      `${url}/api/sync/stream`,
      { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (event.includes(': connected') && !stream.connected) {
              stream.connected = true;
              // A stalled client: connected, then it never reads again (the socket's buffers fill up).
              if (!reads) res.pause();
              resolve(stream);
            }
            if (event.includes('"type":"change"') && event.includes('"collection":"tickets"')) stream.changes.push(at);
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('error', () => undefined);
      },
    );
    req.on('error', (error) => {
      if (!stream.connected) reject(error);
    });
    stream.request = req;
    req.end();
  });
}

async function openStreams(url: string, tokens: string[], count: number, reads = true): Promise<Stream[]> {
  const streams: Stream[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(100, count - i) }, (_, j) =>
        openStream(url, tokens[(i + j) % tokens.length] ?? '', reads),
      ),
    );
    for (const result of batch) if (result.status === 'fulfilled') streams.push(result.value);
  }
  return streams;
}

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

interface Scenario {
  engine: EngineName;
  streams: number;
  /** Workstations pushing alongside as fast as they can. */
  writers: number;
  /** Streams whose clients stop reading. */
  stalled: number;
}

const scenarioLabel = (s: Scenario) =>
  `${s.streams.toLocaleString('en-US')} streams${s.writers ? `, ${s.writers} writers alongside` : ''}, ${ENGINE_LABELS[s.engine]}`;

/** Single-ticket edits pushed one at a time; the time from each push to each stream's change event. */
async function timeEdits(
  server: BenchServer,
  streams: Stream[],
  edits: number,
  /** Called after each edit's wait (the memory samples). */
  afterEach: () => Promise<void> = async () => undefined,
): Promise<{ all: number[]; note: string }> {
  const writer = await signInApi(server.url, 'supervisor@demo.local');
  const headers = { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' };
  const docs = await ticketsToEdit(server.url, writer.token, TIMED_TICKETS);
  const sentAt: number[] = [];
  for (let i = 0; i < edits; i++) {
    const index = i % docs.length;
    const before = docs[index];
    if (!before) throw new Error('the server gave no tickets to edit');
    const after = { ...before, title: `${String(before.title).replace(/ \(bench \d+\)$/, '')} (bench ${i})` };
    sentAt.push(performance.now());
    const response = await fetch(`${server.url}/api/sync/tickets/push`, {
      method: 'POST',
      headers,
      body: JSON.stringify([{ assumedMasterState: before, newDocumentState: after }]),
    });
    const body = (await response.json()) as { conflicts: unknown[]; rejected: unknown[] };
    if (!response.ok || body.conflicts.length > 0 || body.rejected.length > 0) {
      throw new Error(`push refused: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    docs[index] = after;
    // Let every stream hear of it before the next edit, so each event maps to one edit.
    await new Promise((resolve) => setTimeout(resolve, streams.length > 1000 ? 1000 : 400));
    await afterEach();
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const latencies: number[] = [];
  let missing = 0;
  for (const stream of streams) {
    for (let i = 0; i < edits; i++) {
      const from = sentAt[i] ?? 0;
      const to = sentAt[i + 1] ?? Number.POSITIVE_INFINITY;
      const arrival = stream.changes.find((at) => at >= from && at < to);
      if (arrival === undefined) missing += 1;
      else latencies.push(arrival - from);
    }
  }
  const note = `${edits} single-ticket edits pushed one at a time to ${streams.length} streams: ${latencies.length} events timed${missing ? `, ${missing} not received before the next edit` : ''}`;
  return { all: [...latencies, ...Array.from({ length: missing }, () => Number.POSITIVE_INFINITY)], note };
}

async function runScenario(ctx: BenchContext, scenario: Scenario): Promise<Figure[]> {
  const label = scenarioLabel(scenario);
  const figures: Figure[] = [];
  const streams: Stream[] = [];
  const stalled: Stream[] = [];
  try {
    const server = await ctx.server(scenario.engine);
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signInApi(server.url, i % 2 === 0 ? 'supervisor@demo.local' : 'admin@demo.local').then((s) => s.token),
      ),
    );
    streams.push(...(await openStreams(server.url, tokens, scenario.streams)));
    figures.push(
      figure(`SSE clients held (${label})`, streams.length, 'clients', atLeast(scenario.streams), 'streams connected'),
    );
    stalled.push(...(await openStreams(server.url, tokens, scenario.stalled, false)));

    // Workstations pushing alongside until the timed edits are done (their own rate is not a figure here).
    const alongside = new AbortController();
    let load: Promise<PushTotals | null> = Promise.resolve(null);
    if (scenario.writers > 0) {
      const { token } = await signInApi(server.url, 'supervisor@demo.local');
      // Not the first 20, which the timed edits take (timeEdits).
      const pool = (await ticketsToEdit(server.url, token, 2020)).slice(TIMED_TICKETS);
      const options = { urls: [server.url], token, pool, workstations: scenario.writers, rowsPerPush: 10 };
      load = runPushLoad({ ...options, seconds: 3600, signal: alongside.signal });
    }
    // The server's memory after each edit: buffering for stalled clients would grow it edit after edit, while the
    // heap's own growth under the push load levels off once warm (the first three samples are the warm-up).
    const memory: number[] = [];
    const sample = async () => {
      memory.push(await residentMb(server.pid));
    };
    const { all, note: timedNote } = await timeEdits(server, streams, ctx.quick ? 10 : 30, sample).finally(() =>
      alongside.abort(),
    );
    const pushed = await load;
    const note = pushed ? `${timedNote}; alongside, ${describeLoad(pushed)}` : timedNote;
    figures.push(figure(`SSE propagation p50 (${label})`, percentile(all, 50), 'ms', null, note));
    figures.push(figure(`SSE propagation p95 (${label})`, percentile(all, 95), 'ms', atMost(TARGET_P95_MS), note));
    if (scenario.stalled > 0) {
      const warm = memory[Math.min(3, memory.length - 1)] ?? Number.NaN;
      const growth = (memory.at(-1) ?? Number.NaN) - warm;
      const samples = memory.map((mb) => mb.toFixed(0)).join(', ');
      figures.push(
        figure(
          `server memory growth with ${scenario.stalled} stalled streams (${label})`,
          growth,
          'MB',
          atMost(MEMORY_GROWTH_MB),
          `resident set after each timed edit, from the fourth to the last (all, MB: ${samples}); the kernel's socket buffers take the first few MB of each stalled stream, past them the server holds at most 256 KB a stream, then closes it (stream-writer.ts)`,
        ),
      );
    }
  } catch (error) {
    figures.push(failed(`SSE propagation p95 (${label})`, 'ms', atMost(TARGET_P95_MS), errorText(error)));
  } finally {
    for (const stream of [...streams, ...stalled]) stream.request.destroy();
  }
  return figures;
}

export const serverSse: Benchmark = {
  name: 'server-sse',
  title: `live streams (${SSE_CLIENTS} per engine; 10 000, and 5 000 with writers, on PostgreSQL); push → event latency`,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const scenarios: Scenario[] = ctx.engines.map((engine) => ({
      engine,
      streams: SSE_CLIENTS,
      writers: 0,
      stalled: 0,
    }));
    if (ctx.engines.includes('postgres')) {
      scenarios.push({ engine: 'postgres', streams: 10_000, writers: 0, stalled: 0 });
      scenarios.push({ engine: 'postgres', streams: 5_000, writers: 8, stalled: STALLED });
    }
    const figures: Figure[] = [];
    for (const scenario of scenarios) figures.push(...(await runScenario(ctx, scenario)));
    return figures;
  },
};
