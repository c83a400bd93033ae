/**
 * Pull and push throughput of the sync server over real HTTP, on PGlite (default) or the PostgreSQL at DATABASE_URL
 * (in a scratch schema that is dropped afterwards).
 *
 *   npx tsx server/bench/throughput.ts [--tickets 20000] [--push 2000] [--batch 100]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx server/bench/throughput.ts
 *
 * Pull: a supervisor (sees every ticket) replicates all tickets, then all comments, from scratch, 1000 per page.
 * Push: the supervisor creates new tickets, then changes each one's status, `--batch` rows per request.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { NO_DUE, type Ticket } from '../../shared/domain/ticket';
import { startServer } from '../app';
import { seedTickets } from '../demo/seed';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '20000' },
    push: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '100' },
  },
});
const seedCount = Number(values.tickets);
const pushCount = Number(values.push);
const batch = Number(values.batch);

const url = process.env.DATABASE_URL;
const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
const server = await startServer({
  port: 0,
  logger: false,
  demo: { tickets: 0 },
  // Measures replication alone: the SLA scheduler would otherwise re-evaluate every seeded ticket meanwhile.
  slaIntervalMs: 0,
  ...(url && schema ? { databaseUrl: url, schema } : {}),
});
const engine = url ? 'PostgreSQL' : 'PGlite (in memory)';
try {
  let t = performance.now();
  await seedTickets(server.db, seedCount, { batchSize: 2000 });
  const seedSeconds = (performance.now() - t) / 1000;

  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'supervisor@demo.local', password: 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const pullAll = async (collection: string) => {
    let checkpoint: number | undefined;
    let count = 0;
    const started = performance.now();
    for (;;) {
      const query = checkpoint === undefined ? 'limit=1000' : `limit=1000&checkpoint=${checkpoint}`;
      const response = await fetch(`${server.url}/api/sync/${collection}/pull?${query}`, { headers });
      const body = (await response.json()) as { documents: unknown[]; checkpoint: { seq: number } | null };
      count += body.documents.length;
      checkpoint = body.checkpoint?.seq;
      if (body.documents.length < 1000) break;
    }
    return { count, seconds: (performance.now() - started) / 1000 };
  };
  const tickets = await pullAll('tickets');
  const comments = await pullAll('comments');

  const docs: Ticket[] = Array.from({ length: pushCount }, (_, i) => ({
    id: `bench-${randomBytes(8).toString('hex')}`,
    number: null,
    type: 'incident',
    title: `Benchmark ticket ${i}`,
    description: 'Pushed by the throughput benchmark',
    requesterId: 'u-requester',
    status: 'new',
    impact: 2,
    urgency: 2,
    priority: 'P3',
    queueId: ['q-service-desk', 'q-network', 'q-hardware', 'q-field-services'][i % 4] ?? 'q-service-desk',
    assigneeId: '',
    catalogItemId: '',
    category: '',
    tags: [],
    formData: {},
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    firstResponseAt: null,
    resolvedAt: null,
    sla: {
      policyId: '',
      pauses: [],
      responseDueAt: null,
      resolutionDueAt: null,
      responseBreached: false,
      resolutionBreached: false,
      escalations: [],
    },
    slaDueAt: NO_DUE,
  }));
  const pushAll = async (rows: { assumedMasterState: Ticket | null; newDocumentState: Ticket }[]) => {
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batch) {
      const response = await fetch(`${server.url}/api/sync/tickets/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify(rows.slice(i, i + batch)),
      });
      const body = (await response.json()) as { conflicts: unknown[]; rejected: unknown[] };
      if (response.status !== 200 || body.conflicts.length > 0 || body.rejected.length > 0) {
        throw new Error(`push failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
    }
    return (performance.now() - started) / 1000;
  };
  const createSeconds = await pushAll(docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
  t = performance.now();
  const updateSeconds = await pushAll(
    docs.map((doc) => ({ assumedMasterState: doc, newDocumentState: { ...doc, status: 'open' as const } })),
  );

  const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')} /s`;
  console.log(`Engine: ${engine}`);
  console.log(`Seed (bulk):         ${seedCount} tickets in ${seedSeconds.toFixed(1)} s`);
  console.log(
    `Pull tickets:        ${tickets.count} docs in ${tickets.seconds.toFixed(2)} s = ${rate(tickets.count, tickets.seconds)}`,
  );
  console.log(
    `Pull comments:       ${comments.count} docs in ${comments.seconds.toFixed(2)} s = ${rate(comments.count, comments.seconds)}`,
  );
  console.log(
    `Push creates:        ${pushCount} rows in ${createSeconds.toFixed(2)} s = ${rate(pushCount, createSeconds)}`,
  );
  console.log(
    `Push status changes: ${pushCount} rows in ${updateSeconds.toFixed(2)} s = ${rate(pushCount, updateSeconds)}`,
  );
} finally {
  await server.close();
  if (url && schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
