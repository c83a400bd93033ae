import { z } from 'zod';
import { IdSchema, InstantSchema, nonBlank } from './common';

export const VisibilitySchema = z.enum(['public', 'internal']);
export type Visibility = z.infer<typeof VisibilitySchema>;

/**
 * A public reply (the requester sees it) or an internal note (staff only). Comments are append-only: each has its
 * own id, so two people writing offline never overwrite each other, and an existing comment is never edited.
 */
export const CommentSchema = z.object({
  id: IdSchema,
  ticketId: IdSchema,
  authorId: IdSchema,
  body: nonBlank(10_000),
  visibility: VisibilitySchema,
  createdAt: InstantSchema,
});
export type Comment = z.infer<typeof CommentSchema>;
