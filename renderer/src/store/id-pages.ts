import type { MangoQuery } from 'rxdb';

/**
 * A page of a collection in primary-key order, after `after`: for reading a whole replica in steps. The index is
 * named because RxDB's planner, left alone, picks another one and sorts the whole collection for every page (each
 * step then read every document: quadratic in the replica's size).
 */
export function idPage<D extends { id: string }>(after: string, limit: number): MangoQuery<D> {
  return {
    selector: { id: { $gt: after } },
    sort: [{ id: 'asc' }],
    limit,
    index: ['id'],
  } as MangoQuery<D>;
}
