import { z } from 'zod';

export const TICKET_TYPES = ['incident', 'service_request', 'problem', 'change'] as const;
export const TicketTypeSchema = z.enum(TICKET_TYPES);
export type TicketType = z.infer<typeof TicketTypeSchema>;

export const TICKET_TYPE_LABELS: Record<TicketType, string> = {
  incident: 'Incident',
  service_request: 'Service request',
  problem: 'Problem',
  change: 'Change',
};

/** The prefix of a ticket's human key: INC-1042, REQ-7, PRB-3, CHG-12. */
export const TICKET_TYPE_PREFIX: Record<TicketType, string> = {
  incident: 'INC',
  service_request: 'REQ',
  problem: 'PRB',
  change: 'CHG',
};
