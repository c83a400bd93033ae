/** What the runner hands each benchmark, and what a benchmark module exports. */
import type { BrowserContext } from '@playwright/test';
import type { WorkstationOptions } from './browser';
import type { BenchServer, EngineName } from './engines';
import type { Figure } from './figures';

export interface BenchContext {
  quick: boolean;
  /** Tickets seeded on every server (100 000, or 10 000 in quick mode). */
  tickets: number;
  /** Engines the server benchmarks run on. */
  engines: EngineName[];
  /** The engine behind the client benchmarks (PGlite unless only PostgreSQL was asked for). */
  clientEngine: EngineName;
  /** The seeded server of an engine, started on first use and shared by the benchmarks of one run. */
  server(engine: EngineName): Promise<BenchServer>;
  /**
   * A server on the client engine seeded with the working set's desk instead (`tickets` tickets over three years, a
   * tenth active: engines.ts YEARS_BEHIND), started on first use; its working set is working-set.ts's to set.
   */
  historyServer(): Promise<BenchServer>;
  /** Also measure the whole-history replica against raw Dexie in working-set (--whole-history: minutes at 100k). */
  wholeHistory: boolean;
  /** A fresh workstation: Debian's Chromium with its own profile on disk (browser.ts); close it when done. */
  workstation(options?: WorkstationOptions): Promise<BrowserContext>;
  /** Where a benchmark may write profiles and other artefacts. */
  resultsDir: string;
  /** The PostgreSQL the runner uses (when `engines` holds 'postgres'), for benchmarks that start servers of their own. */
  databaseUrl: string;
  /** Scratch space, removed at the end of the run (logs of servers a benchmark starts itself). */
  workDir: string;
  /** Write CPU profiles (server and pages) next to the results. */
  profile: boolean;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  /** One line: what it measures. */
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}
