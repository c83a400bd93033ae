/**
 * What every benchmark returns: named figures with their unit and target, judged the same way everywhere. A figure
 * that could not be measured (a view that never loaded, a step that timed out) is kept as `value: null` with the
 * reason, and fails.
 */

export type Direction = 'max' | 'min';

export interface Target {
  /** `max`: the value must be at most `value` (latencies); `min`: at least (throughput). */
  direction: Direction;
  value: number;
}

export interface Figure {
  /** e.g. "server pull (PGlite)". */
  name: string;
  value: number | null;
  unit: string;
  /** Null for figures reported for context only. */
  target: Target | null;
  /** Whether the value meets the target (true when there is no target and a value was measured). */
  ok: boolean;
  /** How it was measured, what it includes, or why it has no value. */
  note?: string;
}

export const atMost = (value: number): Target => ({ direction: 'max', value });
export const atLeast = (value: number): Target => ({ direction: 'min', value });

export function figure(name: string, value: number | null, unit: string, target: Target | null, note?: string): Figure {
  const measured = value !== null && Number.isFinite(value);
  const ok =
    measured && (target === null || (target.direction === 'max' ? value <= target.value : value >= target.value));
  return { name, value: measured ? round(value) : null, unit, target, ok, ...(note ? { note } : {}) };
}

/** A figure that could not be measured. */
export const failed = (name: string, unit: string, target: Target | null, reason: string): Figure =>
  figure(name, null, unit, target, reason);

function round(value: number): number {
  if (Math.abs(value) >= 100) return Math.round(value);
  if (Math.abs(value) >= 10) return Math.round(value * 10) / 10;
  return Math.round(value * 100) / 100;
}

/** The p-th percentile (nearest rank) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function formatTarget(target: Target | null, unit: string): string {
  if (!target) return '';
  return `${target.direction === 'max' ? '≤' : '≥'} ${target.value.toLocaleString('en-US')} ${unit}`;
}

export function formatValue(value: number | null, unit: string): string {
  return value === null ? '—' : `${value.toLocaleString('en-US')} ${unit}`;
}

/** Runs `fn` and rejects after `ms` with a message naming `what`: every step of a benchmark is bounded in time. */
export async function withTimeout<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
