import type { Result } from '../../../shared/result';

/** Store actions answer with Results (one per ticket for bulk ones): the first refusal's reason, or null when all passed. */
export async function firstError(work: Promise<Result<unknown> | Result<unknown>[]>): Promise<string | null> {
  const results = await work;
  for (const r of Array.isArray(results) ? results : [results]) if (!r.ok) return r.error;
  return null;
}
