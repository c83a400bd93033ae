/**
 * The demo desk's intake settings: a "Report an outage" catalog item, routing rules for outage reports, an
 * integration API key whose value is printed in docs/portal.md (for curl examples; never do this with a real key),
 * and "raise priority on breach" on the Network policy. Seeded after the demo tickets, so those stay as they were.
 */
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { RoutingRule } from '../../shared/server-api/routing';
import { createApiKey } from '../api-keys/keys';
import type { Database } from '../db/database';
import { savePolicyActions } from '../sla/store';
import { auditEvent, fieldChanges, writeAudit } from '../sync/audit';
import { publishChange } from '../sync/changes';
import { allocateSeqs } from '../sync/seq';
import { writeReferenceDocs } from '../sync/store';
import { POLICY, QUEUE } from './base-data';

/** The demo integration's key: documented, so it is not a secret. */
export const DEMO_API_KEY = 'itsm_demo_monitoring_integration_key_not_secret';

export function demoRoutingRules(now: Date): RoutingRule[] {
  const updatedAt = now.toISOString();
  return [
    {
      id: 'rule-network-outages',
      name: 'Network outages go to Network, urgent, least loaded agent',
      position: 10,
      active: true,
      conditions: {
        catalogItemIds: ['cat-outage'],
        departments: [],
        keywords: ['vpn', 'wi-fi', 'wifi', 'network', 'internet', 'firewall'],
      },
      actions: { queueId: QUEUE.network, impact: 2, urgency: 1, assignment: 'least_load' },
      updatedAt,
    },
    {
      id: 'rule-warehouse-outages',
      name: 'Outages at the Hamburg warehouse go to Field Services in turn',
      position: 20,
      active: true,
      conditions: { catalogItemIds: ['cat-outage'], departments: ['Warehouse Hamburg'], keywords: [] },
      actions: { queueId: QUEUE.field, assignment: 'round_robin' },
      updatedAt,
    },
    {
      id: 'rule-vpn-access',
      name: 'VPN access requests are shared out in turn',
      position: 30,
      active: true,
      conditions: { catalogItemIds: ['cat-vpn'], departments: [], keywords: [] },
      actions: { assignment: 'round_robin' },
      updatedAt,
    },
  ];
}

export function demoOutageItem(now: Date): ServiceCatalogItem {
  return {
    id: 'cat-outage',
    name: 'Report an outage',
    description: 'Something that worked has stopped working for you or your team.',
    category: 'Outage',
    ticketType: 'incident',
    defaultQueueId: QUEUE.serviceDesk,
    impact: 2,
    urgency: 2,
    fields: [
      {
        key: 'service',
        label: 'Affected service',
        kind: 'select',
        required: true,
        options: ['Email', 'VPN', 'Wi-Fi', 'Telephony', 'ERP', 'File shares', 'Other'],
      },
      { key: 'since', label: 'Not working since', kind: 'date', required: false },
      { key: 'people', label: 'People affected', kind: 'number', required: false, min: 1, max: 5000 },
    ],
    active: true,
    updatedAt: now.toISOString(),
  };
}

export async function seedIntakeDemo(db: Database, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const item = demoOutageItem(now);
    const seq = await allocateSeqs(tx, 1);
    await writeReferenceDocs(tx, 'catalog', [{ doc: item, seq }]);
    await writeAudit(tx, [
      auditEvent({
        seq,
        entity: 'catalog',
        entityId: item.id,
        ticketId: null,
        action: 'create',
        actorId: 'system',
        deviceId: 'demo-seed',
        at: item.updatedAt,
        changes: fieldChanges(null, item),
      }),
    ]);
    await publishChange(db, tx, { c: 'catalog', s: seq });
    for (const rule of demoRoutingRules(now)) {
      await tx.query('INSERT INTO routing_rules (id, position, doc) VALUES ($1, $2, $3::text::jsonb)', [
        rule.id,
        rule.position,
        JSON.stringify(rule),
      ]);
    }
    await createApiKey(
      tx,
      { id: 'key-demo-monitoring', name: 'Monitoring (demo)', onBehalfOf: '@demo.local', key: DEMO_API_KEY },
      now,
    );
    await savePolicyActions(tx, POLICY.critical, { raisePriorityOnBreach: true });
  });
}
