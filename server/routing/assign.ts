/**
 * Choosing an assignee among a queue's available staff (active agents and technicians who are members of it).
 *
 * - Round robin: the next candidate after the last one given a ticket of this queue, in id order, wrapping around.
 *   If the last one has left the queue, the turn goes to the next id after theirs, so nobody is skipped or repeated.
 * - Least load: the candidate with the fewest active tickets (new, open, pending, on hold); ties go to the smaller id,
 *   so the choice is deterministic.
 * Both return null when the queue has nobody available: the ticket then stays unassigned.
 */

export function pickRoundRobin(candidateIds: readonly string[], lastId: string | null): string | null {
  const sorted = [...new Set(candidateIds)].sort();
  if (sorted.length === 0) return null;
  if (lastId === null || lastId === '') return sorted[0] ?? null;
  return sorted.find((id) => id > lastId) ?? sorted[0] ?? null;
}

export interface Load {
  id: string;
  activeTickets: number;
}

export function pickLeastLoad(candidates: readonly Load[]): string | null {
  let best: Load | null = null;
  for (const candidate of candidates) {
    if (
      best === null ||
      candidate.activeTickets < best.activeTickets ||
      (candidate.activeTickets === best.activeTickets && candidate.id < best.id)
    ) {
      best = candidate;
    }
  }
  return best?.id ?? null;
}
