import { z } from 'zod';
import { CatalogFieldSchema, FormValueSchema } from '../domain/catalog';
import { IdSchema, InstantSchema, nonBlank } from '../domain/common';
import { StatusSchema } from '../domain/lifecycle';
import { TicketTypeSchema } from '../domain/ticket-type';

/**
 * The requester portal's endpoints (requesters only; Bearer session). Staff appear by display name only; internal
 * notes and other requesters' tickets never appear.
 *
 * GET  /api/portal/catalog                    → PortalCatalogResponse (active items with their forms)
 * GET  /api/portal/tickets                    → PortalTicketsResponse (own tickets, most recently changed first)
 * GET  /api/portal/tickets/:id                → PortalTicketDetail
 * POST /api/portal/tickets/:id/replies        body PortalReplyRequest → PortalTicketDetail (201)
 * POST /api/portal/tickets/:id/resolution     body PortalResolutionRequest → PortalTicketDetail
 * New requests go through POST /api/requests (intake.ts).
 */
export const PortalCatalogItemSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string(),
  category: z.string(),
  ticketType: TicketTypeSchema,
  fields: z.array(CatalogFieldSchema),
});
export type PortalCatalogItem = z.infer<typeof PortalCatalogItemSchema>;

export const PortalCatalogResponseSchema = z.object({ items: z.array(PortalCatalogItemSchema) });
export type PortalCatalogResponse = z.infer<typeof PortalCatalogResponseSchema>;

export const PortalTicketSummarySchema = z.object({
  id: IdSchema,
  label: z.string(),
  title: z.string(),
  status: StatusSchema,
  catalogItemName: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type PortalTicketSummary = z.infer<typeof PortalTicketSummarySchema>;

export const PortalTicketsResponseSchema = z.object({ tickets: z.array(PortalTicketSummarySchema) });
export type PortalTicketsResponse = z.infer<typeof PortalTicketsResponseSchema>;

export const PortalAuthorSchema = z.object({
  name: z.string(),
  /** The signed-in requester wrote it. */
  you: z.boolean(),
  staff: z.boolean(),
});

export const PortalCommentSchema = z.object({
  id: IdSchema,
  body: z.string(),
  createdAt: InstantSchema,
  author: PortalAuthorSchema,
});
export type PortalComment = z.infer<typeof PortalCommentSchema>;

export const PortalTicketDetailSchema = PortalTicketSummarySchema.extend({
  description: z.string(),
  /** The form as filled in, in the catalog item's field order, with its labels. */
  form: z.array(z.object({ label: z.string(), value: FormValueSchema })),
  /** Display name of the person working on it, or null while unassigned. */
  assigneeName: z.string().nullable(),
  /** Public replies only, oldest first. */
  comments: z.array(PortalCommentSchema),
  /** Resolved: the requester may confirm (close) or reopen. */
  awaitingConfirmation: z.boolean(),
});
export type PortalTicketDetail = z.infer<typeof PortalTicketDetailSchema>;

export const PortalReplyRequestSchema = z.strictObject({
  /** Client-generated, so a retried reply is stored once. */
  id: IdSchema.optional(),
  body: nonBlank(10_000),
});
export type PortalReplyRequest = z.input<typeof PortalReplyRequestSchema>;

export const PortalResolutionRequestSchema = z.strictObject({
  /** true: the problem is solved (close); false: it is not (reopen). */
  accept: z.boolean({ message: 'must be true (confirm) or false (reopen)' }),
  /** Why it is not solved; added as a public reply before reopening. */
  comment: z.string().trim().max(10_000, 'must be at most 10000 characters').optional(),
});
export type PortalResolutionRequest = z.input<typeof PortalResolutionRequestSchema>;
