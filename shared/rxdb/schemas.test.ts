import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../domain/lifecycle';
import { PRIORITIES } from '../domain/priority';
import { NO_DUE, TicketSchema } from '../domain/ticket';
import { SYNC_COLLECTIONS } from '../sync/protocol';
import { makeComment, makeSavedView, makeTicket } from '../testing/fixtures';
import {
  OPEN_NO_CLOCK,
  openKeyOf,
  RX_SCHEMAS,
  ticketLocalFields,
  toLocalTicket,
  withLocalFields,
  withoutLocalFields,
} from './schemas';

/** The local store's schemas must accept exactly the documents the domain schemas accept. */
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validateTicket = ajv.compile(RX_SCHEMAS.tickets);
const validateComment = ajv.compile(RX_SCHEMAS.comments);

const ticketArb = fc
  .record({
    title: fc.string({ minLength: 1, maxLength: 200 }),
    description: fc.string({ maxLength: 300 }),
    status: fc.constantFrom(...STATUSES),
    priority: fc.constantFrom(...PRIORITIES),
    assigneeId: fc.oneof(fc.constant(''), fc.uuid()),
    number: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }),
    tags: fc.array(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { maxLength: 5 }),
    slaDueAt: fc.integer({ min: 0, max: NO_DUE }),
    createdAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  })
  .map(({ createdAt, ...fields }) => makeTicket({ ...fields, createdAt: createdAt.toISOString() }))
  .filter((ticket) => TicketSchema.safeParse(ticket).success);

describe('RxDB schemas derived from the domain schemas', () => {
  it('accept every valid ticket the domain schema accepts', () => {
    fc.assert(
      fc.property(ticketArb, (ticket) => {
        const stored = withLocalFields('tickets', ticket);
        expect(validateTicket(stored), JSON.stringify(validateTicket.errors)).toBe(true);
        expect(withoutLocalFields('tickets', stored)).toEqual(ticket);
      }),
      { numRuns: 200 },
    );
  });

  it('refuse what the domain refuses', () => {
    expect(validateTicket(withLocalFields('tickets', makeTicket({ title: 'x'.repeat(201) })))).toBe(false);
    expect(validateTicket(withLocalFields('tickets', { ...makeTicket(), status: 'lost' }))).toBe(false);
    expect(validateTicket(makeTicket()), 'the local sort keys are required').toBe(false);
    expect(validateComment(makeComment())).toBe(true);
    expect(validateComment({ ...makeComment(), visibility: 'secret' })).toBe(false);
    const validatePreset = ajv.compile(RX_SCHEMAS.presets);
    expect(validatePreset(makeSavedView())).toBe(true);
    expect(
      validatePreset(makeSavedView({ definition: { ...makeSavedView().definition, sort: 'random' as 'sla' } })),
    ).toBe(false);
  });

  it('make every indexed field required and bounded, as RxDB demands', () => {
    for (const collection of SYNC_COLLECTIONS) {
      const schema = RX_SCHEMAS[collection];
      expect(schema.primaryKey).toBe('id');
      for (const field of ['id', ...schema.indexes.flat()]) {
        const prop = schema.properties[field];
        expect(schema.required, `${collection}.${field} must be required`).toContain(field);
        if (prop?.type === 'string') expect(prop.maxLength, `${collection}.${field}`).toBeGreaterThan(0);
        else
          expect(prop, `${collection}.${field}`).toMatchObject({
            minimum: expect.any(Number),
            maximum: expect.any(Number),
            multipleOf: 1,
          });
      }
    }
  });

  it('sort most recently updated tickets first and find tickets by number, in ascending index order', () => {
    const older = ticketLocalFields({ updatedAt: '2026-11-02T09:00:00.000Z', number: 41 });
    const newer = ticketLocalFields({ updatedAt: '2026-11-02T09:00:01.000Z', number: null });
    expect(newer.updatedSort).toBeLessThan(older.updatedSort);
    expect([older.numberKey, newer.numberKey]).toEqual([41, 0]);
  });

  it('order open work by its running deadline, then open work without a running clock, then resolved and closed', () => {
    expect(openKeyOf({ status: 'open', slaDueAt: 1_000 })).toBe(1_000);
    expect(openKeyOf({ status: 'on_hold', slaDueAt: NO_DUE })).toBe(OPEN_NO_CLOCK);
    expect(openKeyOf({ status: 'new', slaDueAt: NO_DUE })).toBe(OPEN_NO_CLOCK);
    expect(openKeyOf({ status: 'resolved', slaDueAt: 1_000 })).toBe(NO_DUE);
    expect(openKeyOf({ status: 'closed', slaDueAt: NO_DUE })).toBe(NO_DUE);
    fc.assert(
      fc.property(ticketArb, (ticket) => {
        const { openKey } = toLocalTicket(ticket);
        const active = ticket.status !== 'resolved' && ticket.status !== 'closed';
        expect(openKey < NO_DUE).toBe(active);
        expect(openKey < OPEN_NO_CLOCK).toBe(active && ticket.slaDueAt < OPEN_NO_CLOCK);
      }),
      { numRuns: 200 },
    );
  });
});
