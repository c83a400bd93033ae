/**
 * `npm run bench [-- --quick] [--only <name,…>] [--engine pglite|postgres|both] [--tickets <n>] [--profile]
 *   [--whole-history]`
 *
 * Seeds its own data (the demo desk by the server's `seedDemo`: 100 000 tickets and about 300 000 comments, or
 * 10 000 with --quick; for working-set, a desk of as many tickets with three years behind it), starts its own servers
 * (child processes, one per engine, and one more for working-set's desk), builds the web app and the store
 * harness with Vite, runs each benchmark module, prints one table and writes bench/results/<name>.json per benchmark;
 * everything it started or wrote outside bench/results is removed at the end. PostgreSQL: DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test, each run in its own schema, dropped afterwards; without --engine it is
 * used when it answers. Not part of `npm test`. See bench/README.md.
 */

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { build } from 'vite';
import { clientInitialSync } from './client-initial-sync';
import { launchWorkstation } from './lib/browser';
import type { BenchContext, Benchmark } from './lib/context';
import {
  type BenchServer,
  ENGINE_LABELS,
  type EngineName,
  postgresReachable,
  startBenchServer,
  YEARS_BEHIND,
} from './lib/engines';
import { type Figure, formatTarget, formatValue } from './lib/figures';
import { propagation } from './propagation';
import { scaleOut } from './scale-out';
import { serverPull } from './server-pull';
import { serverPush } from './server-push';
import { serverSse } from './server-sse';
import { clientUi } from './ui-latency';
import { workingSet } from './working-set';

/** In run order: readers first, writers last (push changes the data the others read; working-set has its own desk). */
export const BENCHMARKS: Benchmark[] = [
  serverPull,
  serverSse,
  clientInitialSync,
  clientUi,
  propagation,
  workingSet,
  serverPush,
  scaleOut,
];

const ROOT = resolve(import.meta.dirname, '../..');
export const WEB_ROOT = join(ROOT, 'dist/web');
export const HARNESS_ROOT = join(ROOT, 'test/e2e/harness/dist');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    engine: { type: 'string' },
    tickets: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'whole-history': { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const quick = values.quick ?? false;
  const tickets = values.tickets ? Number(values.tickets) : quick ? 10_000 : 100_000;
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !BENCHMARKS.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = BENCHMARKS.filter((b) => !only || only.includes(b.name));
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const engines = await chooseEngines(values.engine, databaseUrl);
  const resultsDir = join(ROOT, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const workDir = await mkdtemp(join(tmpdir(), 'itsm-bench-'));
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
    node: process.version,
  };
  const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  log(
    `${selected.map((b) => b.name).join(', ')} — ${tickets.toLocaleString('en-US')} tickets, engines ${engines.map((e) => ENGINE_LABELS[e]).join(' + ')}; ${machine.cores} cores, load ${machine.loadAverageAtStart.join(' ')}`,
  );

  const needsBrowser = selected.some(
    (b) => b.name.startsWith('client') || b.name === 'propagation' || b.name === 'working-set',
  );
  // The builds run while the servers seed (below); the servers serve their roots from disk, which exist from the start.
  await Promise.all([mkdir(WEB_ROOT, { recursive: true }), mkdir(HARNESS_ROOT, { recursive: true })]);
  const buildPages = async () => {
    if (!needsBrowser) return;
    log('building the web app and the store harness (Vite)');
    await build({ configFile: join(ROOT, 'vite.web.config.ts'), logLevel: 'warn' });
    await build({ configFile: join(ROOT, 'test/e2e/harness/vite.config.ts'), logLevel: 'warn' });
  };

  const servers = new Map<EngineName, Promise<BenchServer>>();
  let historyServer: Promise<BenchServer> | null = null;
  const startedServers = () => [...servers.values(), ...(historyServer ? [historyServer] : [])];
  const workstations = new Set<BrowserContext>();
  const serverOptions = (engine: EngineName) => ({
    tickets,
    workDir,
    databaseUrl,
    webRoot: WEB_ROOT,
    // The store harness page (the real store, plus raw Dexie) is served where the portal would be.
    portalRoot: HARNESS_ROOT,
    logFile: join(workDir, `server-${engine}.log`),
    ...(values.profile ? { cpuProfileDir: join(resultsDir, 'profiles', `server-${engine}`) } : {}),
  });
  const ctx: BenchContext = {
    quick,
    tickets,
    engines,
    clientEngine: engines.includes('pglite') ? 'pglite' : 'postgres',
    resultsDir,
    databaseUrl,
    workDir,
    profile: values.profile ?? false,
    wholeHistory: values['whole-history'] ?? false,
    log,
    server(engine) {
      let server = servers.get(engine);
      if (!server) {
        log(`starting the ${ENGINE_LABELS[engine]} server and seeding ${tickets.toLocaleString('en-US')} tickets`);
        server = startBenchServer(engine, serverOptions(engine)).then((started) => {
          log(
            `${ENGINE_LABELS[engine]} server ready at ${started.url} (seeded in ${started.seedSeconds.toFixed(0)} s)`,
          );
          return started;
        });
        servers.set(engine, server);
      }
      return server;
    },
    historyServer() {
      if (!historyServer) {
        const engine = ctx.clientEngine;
        log(
          `starting a ${ENGINE_LABELS[engine]} server and seeding ${tickets.toLocaleString('en-US')} tickets over ${YEARS_BEHIND.days} days (working-set)`,
        );
        historyServer = startBenchServer(engine, {
          ...serverOptions(engine),
          history: YEARS_BEHIND,
          logFile: join(workDir, `server-${engine}-history.log`),
        }).then((started) => {
          log(`history desk ready at ${started.url} (seeded in ${started.seedSeconds.toFixed(0)} s)`);
          return started;
        });
      }
      return historyServer;
    },
    async workstation(options) {
      const context = await launchWorkstation(workDir, options);
      workstations.add(context);
      context.on('close', () => workstations.delete(context));
      return context;
    },
  };

  const all: { benchmark: string; figures: Figure[] }[] = [];
  try {
    // Seed every engine's server at once (PostgreSQL works in its own processes while PGlite seeds in its child).
    for (const engine of new Set<EngineName>([
      ...(needsServers(selected) ? engines : []),
      ...(needsDemoDesk(selected) ? [ctx.clientEngine] : []),
    ])) {
      ctx.server(engine).catch(() => undefined);
    }
    if (selected.some((b) => b.name === 'working-set')) ctx.historyServer().catch(() => undefined);
    await buildPages();
    // Every desk is seeded before the first benchmark measures: a seed still running would take its cores.
    await Promise.allSettled(startedServers());
    for (const benchmark of selected) {
      const started = performance.now();
      log(`▶ ${benchmark.name}: ${benchmark.title}`);
      let figures: Figure[];
      try {
        figures = await benchmark.run(ctx);
      } catch (error) {
        figures = [
          {
            name: benchmark.name,
            value: null,
            unit: '',
            target: null,
            ok: false,
            note: `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          },
        ];
      }
      const seconds = (performance.now() - started) / 1000;
      all.push({ benchmark: benchmark.name, figures });
      await writeFile(
        join(resultsDir, `${benchmark.name}.json`),
        `${JSON.stringify(
          {
            name: benchmark.name,
            title: benchmark.title,
            mode: quick ? 'quick' : 'full',
            tickets,
            engines,
            machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))) },
            finishedAt: new Date().toISOString(),
            seconds: Math.round(seconds),
            figures,
          },
          null,
          2,
        )}\n`,
      );
      log(`✔ ${benchmark.name} in ${seconds.toFixed(0)} s`);
    }
  } finally {
    await Promise.all(startedServers().map((server) => server.then((s) => s.stop()).catch(() => undefined)));
    await Promise.all([...workstations].map((context) => context.close().catch(() => undefined)));
    await rm(workDir, { recursive: true, force: true });
  }

  printTable(all, machine.cores, tickets, quick);
  return 0;
}

const needsServers = (selected: Benchmark[]) => selected.some((b) => b.name.startsWith('server'));
/** The client benchmarks on the demo desk (working-set has a desk of its own). */
const needsDemoDesk = (selected: Benchmark[]) =>
  selected.some((b) => b.name.startsWith('client') || b.name === 'propagation');

async function chooseEngines(flag: string | undefined, databaseUrl: string): Promise<EngineName[]> {
  if (flag === 'pglite') return ['pglite'];
  if (flag === 'postgres' || flag === 'both') {
    const problem = await postgresReachable(databaseUrl);
    if (problem) throw new Error(`PostgreSQL at ${databaseUrl} does not answer: ${problem}`);
    return flag === 'both' ? ['pglite', 'postgres'] : ['postgres'];
  }
  if (flag !== undefined) throw new Error(`--engine must be pglite, postgres or both, not ${flag}`);
  const problem = await postgresReachable(databaseUrl);
  if (problem) {
    console.error(`PostgreSQL at ${databaseUrl} does not answer (${problem}): PGlite only`);
    return ['pglite'];
  }
  return ['pglite', 'postgres'];
}

function printTable(
  results: { benchmark: string; figures: Figure[] }[],
  cores: number,
  tickets: number,
  quick: boolean,
) {
  const rows = results.flatMap(({ benchmark, figures }) =>
    figures.map((f) => [
      benchmark,
      f.name,
      formatValue(f.value, f.unit),
      formatTarget(f.target, f.unit),
      f.target === null ? (f.value === null ? 'FAIL' : '') : f.ok ? 'ok' : 'MISS',
    ]),
  );
  const header = ['benchmark', 'figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(
    `\n${quick ? 'Quick run' : 'Full run'}: ${tickets.toLocaleString('en-US')} tickets, ${cores} cores, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} at the end`,
  );
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  const notes = results.flatMap(({ figures }) => figures.filter((f) => f.note && (f.value === null || !f.ok)));
  if (notes.length > 0) {
    console.log('\nNot measured or missed:');
    for (const f of notes) console.log(`- ${f.name}: ${f.note}`);
  }
  console.log(`\nDetails: bench/results/<benchmark>.json`);
}

process.exitCode = await main();
