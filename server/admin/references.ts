/**
 * What the admin API checks beyond each document's schema, per reference collection: that what a document names
 * exists (a queue's default policy, a policy's calendar and queues, a catalog item's queue), that a calendar a policy
 * uses can be computed with, and — before a delete — what still uses the document.
 */
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Queue } from '../../shared/domain/queue';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import { checkCalendar } from '../../shared/sla/calendar-time';
import { SlaConfigError } from '../../shared/sla/errors';
import type { Queryable } from '../db/database';
import type { Issue } from './guard';

async function existing(tx: Queryable, table: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await tx.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::text[]) AND NOT deleted`, [
    [...new Set(ids)],
  ]);
  return new Set(result.rows.map((row) => row.id));
}

/** Issues for ids in `ids` (at `path`, or `path.index` for lists) that name no live row of `table`. */
export async function missing(
  tx: Queryable,
  table: string,
  path: string,
  ids: readonly string[],
  what: string,
  list = false,
): Promise<Issue[]> {
  const found = await existing(tx, table, ids);
  return ids.flatMap((id, index) =>
    found.has(id) ? [] : [{ path: list ? [path, String(index)] : [path], message: `there is no ${what} ${id}` }],
  );
}

const count = async (tx: Queryable, sql: string, params: unknown[]): Promise<number> =>
  (await tx.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function uses(parts: [number, string][]): string[] {
  return parts.filter(([n]) => n > 0).map(([n, noun]) => plural(n, noun));
}

export async function checkQueue(tx: Queryable, queue: Queue): Promise<Issue[]> {
  return missing(tx, 'sla_policies', 'defaultSlaPolicyId', [queue.defaultSlaPolicyId], 'SLA policy');
}

export async function queueUsedBy(tx: Queryable, id: string): Promise<string[]> {
  return uses([
    [await count(tx, 'SELECT count(*)::integer AS n FROM tickets WHERE queue_id = $1', [id]), 'ticket'],
    [
      await count(tx, 'SELECT count(*)::integer AS n FROM users WHERE $1 = ANY(queue_ids) AND NOT deleted', [id]),
      'user',
    ],
    [
      await count(tx, "SELECT count(*)::integer AS n FROM catalog WHERE doc->>'defaultQueueId' = $1 AND NOT deleted", [
        id,
      ]),
      'catalog item',
    ],
    [
      await count(tx, "SELECT count(*)::integer AS n FROM sla_policies WHERE doc->'queueIds' ? $1 AND NOT deleted", [
        id,
      ]),
      'SLA policy',
    ],
    [
      await count(tx, "SELECT count(*)::integer AS n FROM routing_rules WHERE doc->'actions'->>'queueId' = $1", [id]),
      'routing rule',
    ],
  ]);
}

export async function checkPolicy(tx: Queryable, policy: SlaPolicy): Promise<Issue[]> {
  const issues = [
    ...(await missing(tx, 'calendars', 'calendarId', [policy.calendarId], 'calendar')),
    ...(await missing(tx, 'queues', 'queueIds', policy.queueIds, 'queue', true)),
  ];
  if (issues.length > 0) return issues;
  const calendar = (
    await tx.query<{ doc: BusinessCalendar }>('SELECT doc FROM calendars WHERE id = $1', [policy.calendarId])
  ).rows[0]?.doc;
  return calendar ? usable(calendar, 'calendarId') : [];
}

export async function policyUsedBy(tx: Queryable, id: string): Promise<string[]> {
  return uses([
    [
      await count(
        tx,
        "SELECT count(*)::integer AS n FROM queues WHERE doc->>'defaultSlaPolicyId' = $1 AND NOT deleted",
        [id],
      ),
      'queue (as its default)',
    ],
  ]);
}

export async function checkCalendarDoc(tx: Queryable, calendar: BusinessCalendar): Promise<Issue[]> {
  const users = await count(
    tx,
    "SELECT count(*)::integer AS n FROM sla_policies WHERE doc->>'calendarId' = $1 AND NOT deleted",
    [calendar.id],
  );
  // A calendar no policy uses yet may be a draft (no hours); one in use must be computable.
  return users > 0 ? usable(calendar, 'hours') : [];
}

export async function calendarUsedBy(tx: Queryable, id: string): Promise<string[]> {
  return uses([
    [
      await count(tx, "SELECT count(*)::integer AS n FROM sla_policies WHERE doc->>'calendarId' = $1 AND NOT deleted", [
        id,
      ]),
      'SLA policy',
    ],
  ]);
}

function usable(calendar: BusinessCalendar, path: string): Issue[] {
  try {
    checkCalendar(calendar);
    return [];
  } catch (error) {
    if (!(error instanceof SlaConfigError)) throw error;
    return [{ path: [path], message: `calendar "${calendar.name}" cannot be used for SLAs: ${error.message}` }];
  }
}

export async function checkCatalogItem(tx: Queryable, item: ServiceCatalogItem): Promise<Issue[]> {
  const issues = await missing(tx, 'queues', 'defaultQueueId', [item.defaultQueueId], 'queue');
  const seen = new Set<string>();
  item.fields.forEach((field, index) => {
    if (seen.has(field.key))
      issues.push({ path: ['fields', String(index), 'key'], message: `"${field.key}" is used twice` });
    seen.add(field.key);
    if (field.kind === 'select' && (field.options?.length ?? 0) === 0) {
      issues.push({ path: ['fields', String(index), 'options'], message: 'a choice field needs at least one option' });
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      issues.push({ path: ['fields', String(index), 'max'], message: 'must not be below min' });
    }
  });
  return issues;
}

export async function catalogItemUsedBy(tx: Queryable, id: string): Promise<string[]> {
  const found = uses([
    [await count(tx, "SELECT count(*)::integer AS n FROM tickets WHERE doc->>'catalogItemId' = $1", [id]), 'ticket'],
    [
      await count(
        tx,
        "SELECT count(*)::integer AS n FROM routing_rules WHERE doc->'conditions'->'catalogItemIds' ? $1",
        [id],
      ),
      'routing rule',
    ],
  ]);
  return found;
}
