import { describe, expect, it } from 'vitest';
import { CLIENT_OWNED_TICKET_FIELDS, SERVER_OWNED_TICKET_FIELDS, TicketSchema } from './ticket';

describe('who owns each ticket field', () => {
  it('names every field of the schema once: the id, a client-owned field or a server-owned one', () => {
    // A field added to the schema but to neither list would be dropped by every client edit and undo.
    const named = ['id', ...CLIENT_OWNED_TICKET_FIELDS, ...SERVER_OWNED_TICKET_FIELDS];
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual(Object.keys(TicketSchema.shape).sort());
  });
});
