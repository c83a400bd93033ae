import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Queue } from '../../shared/domain/queue';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import type { Role } from '../../shared/domain/user';
import type { Queryable } from '../db/database';

/** The small, rarely changing collections a push needs to validate tickets and compute SLAs, loaded once per push. */
export interface ReferenceData {
  queues: Map<string, Queue>;
  policies: SlaPolicy[];
  calendars: Map<string, BusinessCalendar>;
  catalog: Map<string, ServiceCatalogItem>;
}

export async function loadReferenceData(db: Queryable): Promise<ReferenceData> {
  const docs = async <T extends { id: string }>(table: string): Promise<T[]> =>
    (await db.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE NOT deleted`)).rows.map((row) => row.doc);
  const [queues, policies, calendars, catalog] = await Promise.all([
    docs<Queue>('queues'),
    docs<SlaPolicy>('sla_policies'),
    docs<BusinessCalendar>('calendars'),
    docs<ServiceCatalogItem>('catalog'),
  ]);
  return {
    queues: new Map(queues.map((q) => [q.id, q])),
    policies,
    calendars: new Map(calendars.map((c) => [c.id, c])),
    catalog: new Map(catalog.map((c) => [c.id, c])),
  };
}

export interface UserSummary {
  id: string;
  role: Role;
  active: boolean;
}

export async function loadUsers(db: Queryable, ids: readonly string[]): Promise<Map<string, UserSummary>> {
  const wanted = [...new Set(ids.filter((id) => id !== ''))];
  if (wanted.length === 0) return new Map();
  const result = await db.query<UserSummary>(
    'SELECT id, role, active FROM users WHERE id = ANY($1::text[]) AND NOT deleted',
    [wanted],
  );
  return new Map(result.rows.map((row) => [row.id, row]));
}

/** Looks users up through a per-request cache: a push of many rows usually names the same few people. */
export async function cachedUsers(
  cache: Map<string, UserSummary | null>,
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, UserSummary>> {
  const missing = ids.filter((id) => id !== '' && !cache.has(id));
  if (missing.length > 0) {
    const found = await loadUsers(db, missing);
    for (const id of missing) cache.set(id, found.get(id) ?? null);
  }
  const result = new Map<string, UserSummary>();
  for (const id of ids) {
    const user = cache.get(id);
    if (user) result.set(id, user);
  }
  return result;
}
