/**
 * Distributes tickets (most urgent first) over agents by load: each ticket goes to the agent who has the fewest
 * open tickets at that moment, ties broken by the order the agents were given. Counting the tickets handed out so
 * far makes it a round robin among equally loaded agents and fills the least loaded ones first.
 */
export function distributeByLoad(
  ticketIds: readonly string[],
  agents: readonly { id: string; load: number }[],
): Map<string, string[]> {
  const result = new Map<string, string[]>(agents.map((a) => [a.id, []]));
  const load = agents.map((a) => ({ id: a.id, load: a.load }));
  if (load.length === 0) return result;
  for (const ticketId of ticketIds) {
    let best = load[0];
    for (const a of load) if (best && a.load < best.load) best = a;
    if (!best) break;
    result.get(best.id)?.push(ticketId);
    best.load += 1;
  }
  return result;
}
