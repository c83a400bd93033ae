import { describe, expect, it } from 'vitest';
import { makeCalendar, makeComment, makePolicy, makeTicket, makeUser } from '../testing/fixtures';
import { parseWith } from '../validation';
import { BusinessCalendarSchema } from './calendar';
import { formSchemaFor, ServiceCatalogItemSchema } from './catalog';
import { CommentSchema } from './comment';
import { SlaPolicySchema } from './sla-policy';
import { TicketSchema, ticketLabel } from './ticket';
import { UserSchema } from './user';

/** The error for bad input must name the field, so a person (or the UI) can fix it. */
function errorOf(result: ReturnType<typeof parseWith>): string {
  if (result.ok) throw new Error('expected the input to be refused');
  return result.error;
}

describe('ticket schema', () => {
  it('accepts a well-formed ticket', () => {
    expect(parseWith(TicketSchema, makeTicket()).ok).toBe(true);
  });

  it('names each bad field in one readable line', () => {
    const error = errorOf(
      parseWith(TicketSchema, makeTicket({ title: 'x'.repeat(201), status: 'lost' as never, queueId: '' })),
    );
    expect(error).toContain('title: must be at most 200 characters');
    expect(error).toContain('status:');
    expect(error).toContain('queueId: is required');
  });

  it('refuses a blank title after trimming, and impact outside 1–3', () => {
    expect(errorOf(parseWith(TicketSchema, makeTicket({ title: '   ' })))).toContain('title: is required');
    expect(errorOf(parseWith(TicketSchema, { ...makeTicket(), impact: 4 }))).toContain(
      'impact: must be 1 (high), 2 (medium) or 3 (low)',
    );
  });

  it('refuses tags with spaces and more than 20 tags', () => {
    expect(errorOf(parseWith(TicketSchema, makeTicket({ tags: ['two words'] })))).toContain('tags.0:');
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(errorOf(parseWith(TicketSchema, makeTicket({ tags: many })))).toContain('tags: must list at most 20 tags');
  });

  it('names nested SLA fields by path', () => {
    const ticket = makeTicket();
    const bad = { ...ticket, sla: { ...ticket.sla, responseDueAt: 'tomorrow' } };
    expect(errorOf(parseWith(TicketSchema, bad))).toContain('sla.responseDueAt: must be an ISO-8601 date-time');
  });

  it('labels tickets by type and number, provisionally before the server numbers them', () => {
    expect(ticketLabel(makeTicket({ number: 1042 }))).toBe('INC-1042');
    expect(ticketLabel(makeTicket({ type: 'service_request', number: 7 }))).toBe('REQ-7');
    expect(ticketLabel(makeTicket({ id: 'abcd-ef', number: null }))).toBe('INC-new·abcd');
  });
});

describe('other schemas', () => {
  it('comments need a body and a known visibility', () => {
    expect(parseWith(CommentSchema, makeComment()).ok).toBe(true);
    expect(errorOf(parseWith(CommentSchema, makeComment({ body: '' })))).toContain('body: is required');
    expect(errorOf(parseWith(CommentSchema, { ...makeComment(), visibility: 'secret' }))).toContain('visibility:');
  });

  it('users need a real email and a known role', () => {
    expect(parseWith(UserSchema, makeUser()).ok).toBe(true);
    expect(errorOf(parseWith(UserSchema, makeUser({ email: 'not-an-email' })))).toContain(
      'email: must be an email address',
    );
    expect(errorOf(parseWith(UserSchema, { ...makeUser(), role: 'root' }))).toContain('role:');
  });

  it('calendars refuse unknown time zones and malformed hours', () => {
    expect(parseWith(BusinessCalendarSchema, makeCalendar()).ok).toBe(true);
    expect(errorOf(parseWith(BusinessCalendarSchema, makeCalendar({ timeZone: 'Mars/Olympus' })))).toContain(
      'timeZone: must be an IANA time zone',
    );
    const badHours = makeCalendar({ hours: [{ day: 8, start: '25:00', end: '17:00' }] });
    const error = errorOf(parseWith(BusinessCalendarSchema, badHours));
    expect(error).toContain('hours.0.day: must be 1 (Monday) to 7 (Sunday)');
    expect(error).toContain('hours.0.start: must be a time as HH:MM');
  });

  it('SLA policies need whole positive minutes for every priority', () => {
    expect(parseWith(SlaPolicySchema, makePolicy()).ok).toBe(true);
    const policy = makePolicy();
    const bad = { ...policy, targets: { ...policy.targets, P2: { responseMinutes: 0, resolutionMinutes: 1.5 } } };
    const error = errorOf(parseWith(SlaPolicySchema, bad));
    expect(error).toContain('targets.P2.responseMinutes: must be at least 1 minute');
    expect(error).toContain('targets.P2.resolutionMinutes: must be whole minutes');
  });
});

describe('service catalog forms', () => {
  const laptop = ServiceCatalogItemSchema.parse({
    id: 'cat-laptop',
    name: 'New laptop',
    description: 'A laptop for a new or existing employee',
    category: 'Hardware',
    ticketType: 'service_request',
    defaultQueueId: 'q-hardware',
    impact: 3,
    urgency: 2,
    fields: [
      { key: 'model', label: 'Model', kind: 'select', required: true, options: ['14" standard', '16" performance'] },
      { key: 'neededBy', label: 'Needed by', kind: 'date', required: true },
      { key: 'reason', label: 'Reason', kind: 'textarea', required: false, maxLength: 500 },
      { key: 'quantity', label: 'Quantity', kind: 'number', required: false, min: 1, max: 5 },
    ],
    active: true,
    updatedAt: '2026-11-02T09:00:00.000Z',
  });

  it('accepts a complete form', () => {
    const form = formSchemaFor(laptop);
    expect(form.safeParse({ model: '14" standard', neededBy: '2026-12-01', quantity: 2 }).success).toBe(true);
  });

  it('names missing, out-of-range and unknown fields by key', () => {
    const result = parseWith(formSchemaFor(laptop), { model: 'Tablet', quantity: 9, colour: 'red' });
    const error = errorOf(result);
    expect(error).toContain('model: must be one of: 14" standard, 16" performance');
    expect(error).toContain('neededBy:');
    expect(error).toContain('quantity: must be at most 5');
    expect(error).toContain('colour');
  });

  it('refuses text longer than the field allows', () => {
    const error = errorOf(
      parseWith(formSchemaFor(laptop), { model: '14" standard', neededBy: '2026-12-01', reason: 'x'.repeat(501) }),
    );
    expect(error).toContain('reason: must be at most 500 characters');
  });
});
