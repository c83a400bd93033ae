import type { Assignable } from '../../shared/domain/assignment';
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Queue } from '../../shared/domain/queue';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import type { Queryable } from '../db/database';
import { REFERENCE_COLLECTIONS, TABLES } from './tables';

/** The small, rarely changing collections a push needs to validate tickets and compute SLAs. Shared: read only. */
export interface ReferenceData {
  queues: Map<string, Queue>;
  policies: SlaPolicy[];
  calendars: Map<string, BusinessCalendar>;
  catalog: Map<string, ServiceCatalogItem>;
}

export async function loadReferenceData(db: Queryable): Promise<ReferenceData> {
  return (await loadVersioned(db)).data;
}

/** SQL for the reference data's version (migration 003: bumped by every statement that changes a reference table). */
export const REFERENCE_VERSION_SQL = '(SELECT value FROM reference_version)';

/** The four collections and their version, from one statement (one snapshot, so they agree). */
async function loadVersioned(db: Queryable): Promise<{ version: number; data: ReferenceData }> {
  const result = await db.query<{ t: string; doc: { id: string } | null; version: number }>(
    `SELECT t, doc, ${REFERENCE_VERSION_SQL} AS version FROM (${REFERENCE_COLLECTIONS.map(
      (collection) => `SELECT '${collection}' AS t, doc FROM ${TABLES[collection]} WHERE NOT deleted`,
    ).join(' UNION ALL ')} UNION ALL SELECT '', NULL) r`,
  );
  const docs = <T>(collection: string): T[] =>
    result.rows.filter((row) => row.t === collection).map((row) => row.doc as T);
  const byId = <T extends { id: string }>(collection: string) =>
    new Map(docs<T>(collection).map((doc) => [doc.id, doc]));
  return {
    version: result.rows[0]?.version ?? 0,
    data: {
      queues: byId<Queue>('queues'),
      policies: docs<SlaPolicy>('sla_policies'),
      calendars: byId<BusinessCalendar>('calendars'),
      catalog: byId<ServiceCatalogItem>('catalog'),
    },
  };
}

/**
 * The reference data kept between requests, reloaded when its version changed. Callers read the version in their own
 * transaction (REFERENCE_VERSION_SQL, riding along in a statement they run anyway), so a push decides against data at
 * least as new as its transaction's view, as it did when it loaded the four tables every time.
 */
export class ReferenceCache {
  private latest: { version: number; data: ReferenceData } | null = null;

  async at(db: Queryable, version: number): Promise<ReferenceData> {
    if (this.latest?.version === version) return this.latest.data;
    this.latest = await loadVersioned(db);
    return this.latest.data;
  }

  /** For callers without a statement of their own to carry the version. */
  async current(db: Queryable): Promise<ReferenceData> {
    const result = await db.query<{ version: number }>(`SELECT ${REFERENCE_VERSION_SQL} AS version`);
    return this.at(db, result.rows[0]?.version ?? 0);
  }
}

/** What a push needs of the users its tickets name: whether they exist and whether they may be the assignee. */
export type UserSummary = Assignable;
