import type { RxCollection } from 'rxdb';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { parseTicketNumber, searchInTurn } from './ticket-search';

describe('palette ticket numbers', () => {
  it('reads plain numbers, labels and #numbers', () => {
    expect(parseTicketNumber('1042')).toBe(1042);
    expect(parseTicketNumber(' inc-1042 ')).toBe(1042);
    expect(parseTicketNumber('#7')).toBe(7);
  });
  it('treats words as a title search', () => {
    expect(parseTicketNumber('vpn 2')).toBeNull();
  });
});

describe('searches in turn', () => {
  it('runs one search at a time, and of those waiting only the newest', async () => {
    const ran: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((done) => {
      release = done;
    });
    const search = async (_: unknown, query: string): Promise<Ticket[]> => {
      ran.push(query);
      if (query === 'pr') await gate;
      return [];
    };
    const none = null as unknown as RxCollection<LocalTicket>; // never read: the fake search ignores it
    const first = searchInTurn(none, 'pr', search);
    await Promise.resolve(); // 'pr' starts and runs until released
    await Promise.resolve();
    expect(ran).toEqual(['pr']);
    const overtaken = searchInTurn(none, 'pri', search);
    const newest = searchInTurn(none, 'printer', search);
    release();
    expect(await first).toEqual([]);
    expect(await overtaken).toBeNull();
    expect(await newest).toEqual([]);
    expect(ran).toEqual(['pr', 'printer']);
  });
});
