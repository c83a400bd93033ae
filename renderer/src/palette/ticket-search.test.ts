import { describe, expect, it } from 'vitest';
import { parseTicketNumber } from './ticket-search';

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
