/** Tickets submitted in this page session: their page greets the requester with a confirmation once. */
export const justSubmitted = new Set<string>();
