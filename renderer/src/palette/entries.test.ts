import { describe, expect, it } from 'vitest';
import { type Entry, type EntryGroup, QUEUE_PREFIX, rankEntries } from './entries';

const entry = (group: EntryGroup, label: string, ...more: string[]): Entry => ({
  id: group === 'Views' && label.startsWith(QUEUE_PREFIX) ? `queue:${label}` : `${group}:${label}`,
  group,
  label,
  texts: [label, ...more],
  run: () => {},
});
const queue = (name: string, description: string) => entry('Views', `${QUEUE_PREFIX} ${name}`, name, description);

const DESK: Entry[] = [
  entry('Recent tickets', 'Printer on floor 3 jams', 'INC-1042', '1042'),
  entry('Tickets', 'Guest Wi-Fi portal does not load', 'INC-1107', '1107'),
  entry('Tickets', 'Wi-Fi in meeting room 2.14 is very slow', 'INC-1201', '1201'),
  entry('Saved views', 'Go to saved view Printers in Munich', 'Printers in Munich'),
  entry('Views', 'Go to All open tickets', 'All open tickets'),
  queue('Field Services', 'On-site work at branch offices and warehouses'),
  queue('Network', 'LAN, Wi-Fi, VPN, firewalls and telephony'),
  queue('Service Desk', 'First line: calls, emails and portal requests'),
  entry('Commands', 'Go to Breached'),
  entry('Commands', 'Go to Breaching soon'),
  entry('Commands', 'Set status…'),
];

const labels = (query: string) => rankEntries(query, DESK).flatMap((g) => g.entries.map((e) => e.label));

describe('the palette ranks every kind of entry together', () => {
  it.each([
    ['service', 'Go to queue Service Desk'],
    ['wifi', 'Wi-Fi in meeting room 2.14 is very slow'],
    ['guest wi-fi', 'Guest Wi-Fi portal does not load'],
    ['1042', 'Printer on floor 3 jams'],
    ['printers', 'Go to saved view Printers in Munich'],
    ['saved view printers', 'Go to saved view Printers in Munich'],
    ['go to breached', 'Go to Breached'],
    ['status', 'Set status…'],
    ['all', 'Go to All open tickets'],
  ])('%j first runs %j', (query, first) => {
    expect(labels(query)[0]).toBe(first);
  });

  it('keeps exact before prefix before word start before anywhere', () => {
    expect(labels('service')).toEqual(['Go to queue Service Desk', 'Go to queue Field Services']);
    expect(labels('wifi')).toEqual([
      'Wi-Fi in meeting room 2.14 is very slow',
      'Guest Wi-Fi portal does not load',
      'Go to queue Network',
    ]);
    expect(labels('breach')).toEqual(['Go to Breached', 'Go to Breaching soon']);
  });

  it('shows groups in the order of their best entry, so the first entry shown is the best', () => {
    expect(rankEntries('wifi', DESK).map((g) => g.group)).toEqual(['Tickets', 'Views']);
    expect(rankEntries('network', DESK).map((g) => g.group)).toEqual(['Views']);
  });

  it('after "Go to queue" matches the queues by name or description', () => {
    expect(labels('Go to queue')).toEqual([
      'Go to queue Field Services',
      'Go to queue Network',
      'Go to queue Service Desk',
    ]);
    expect(labels('go to queue wifi')).toEqual(['Go to queue Network']);
    expect(labels('Go to queue desk')).toEqual(['Go to queue Service Desk']);
  });

  it('shows recent tickets, saved views, then views and commands for an empty query', () => {
    expect(rankEntries('', DESK).map((g) => g.group)).toEqual(['Recent tickets', 'Saved views', 'Views', 'Commands']);
  });
});

describe('the palette shows no more than fits without scrolling', () => {
  it('stops at twelve entries, the best ones', () => {
    const many = Array.from({ length: 30 }, (_, i) => entry('Commands', `Command ${String(i).padStart(2, '0')}`));
    expect(rankEntries('', many).flatMap((g) => g.entries)).toHaveLength(8);
    expect(rankEntries('command', [...DESK, ...many]).flatMap((g) => g.entries.map((e) => e.label))).toEqual(
      many.slice(0, 12).map((e) => e.label),
    );
  });
});

describe('tickets the server found outside the replica', () => {
  const fromServer = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...entry('On the server', `Old ticket ${i}`, `INC-${900 + i}`),
      mark: 'Closed 2025-03-02',
    }));

  it('come after every local entry, in the server’s order, whether or not their title has the words', () => {
    const shown = rankEntries('wifi', DESK, fromServer(2));
    expect(shown.map((g) => g.group)).toEqual(['Tickets', 'Views', 'On the server']);
    expect(shown.at(-1)?.entries.map((e) => e.label)).toEqual(['Old ticket 0', 'Old ticket 1']);
  });

  it('keep room for the best few among the twelve entries shown', () => {
    const many = Array.from({ length: 30 }, (_, i) => entry('Commands', `Command ${String(i).padStart(2, '0')}`));
    const shown = rankEntries('command', many, fromServer(10));
    expect(shown.flatMap((g) => g.entries)).toHaveLength(12);
    expect(shown.at(-1)?.entries.map((e) => e.label)).toEqual(fromServer(4).map((e) => e.label));
  });

  it('are first when nothing on the device matches, so Enter opens the best of them', () => {
    expect(rankEntries('1234', DESK, fromServer(1))[0]?.entries[0]?.label).toBe('Old ticket 0');
  });
});
