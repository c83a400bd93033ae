/**
 * Routing a new request: a pure function of the request, the ordered rules and the catalog item's defaults.
 *
 * Guarantees:
 * - Rules are tried in (position, id) order; inactive rules and rules naming an unknown queue are skipped; the first
 *   rule whose conditions all hold decides, and no other rule applies (no surprising combinations).
 * - A condition list that is empty does not restrict; a non-empty one holds when any entry matches. Departments
 *   compare without regard to case; keywords match whole words or phrases in the title or description, without regard
 *   to case.
 * - What the matching rule does not set comes from the catalog item (queue, impact, urgency); the priority always
 *   follows the ITIL matrix from impact × urgency. With no matching rule: the item's defaults, no auto-assignment.
 */
import { type Level, type Priority, priorityFrom } from '../../shared/domain/priority';
import type { AssignmentStrategy, RoutingRule } from '../../shared/server-api/routing';

export interface RoutingRequest {
  catalogItemId: string;
  title: string;
  description: string;
  /** The requester's department. */
  department: string;
}

export interface RoutingContext {
  /** From the catalog item. */
  defaults: { queueId: string; impact: Level; urgency: Level };
  /** Queues that exist now: a rule pointing elsewhere is skipped rather than creating an unroutable ticket. */
  queueIds: ReadonlySet<string>;
}

export interface RoutingDecision {
  queueId: string;
  impact: Level;
  urgency: Level;
  priority: Priority;
  assignment: AssignmentStrategy;
  /** The rule that decided, or null for the catalog defaults. */
  ruleId: string | null;
}

export function route(
  request: RoutingRequest,
  rules: readonly RoutingRule[],
  context: RoutingContext,
): RoutingDecision {
  const ordered = [...rules].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rule = ordered.find((candidate) => usable(candidate, context) && matches(candidate, request));
  const { defaults } = context;
  const impact = rule?.actions.impact ?? defaults.impact;
  const urgency = rule?.actions.urgency ?? defaults.urgency;
  return {
    queueId: rule?.actions.queueId ?? defaults.queueId,
    impact,
    urgency,
    priority: priorityFrom(impact, urgency),
    assignment: rule?.actions.assignment ?? 'none',
    ruleId: rule?.id ?? null,
  };
}

function usable(rule: RoutingRule, context: RoutingContext): boolean {
  return rule.active && (rule.actions.queueId === undefined || context.queueIds.has(rule.actions.queueId));
}

export function matches(rule: Pick<RoutingRule, 'conditions'>, request: RoutingRequest): boolean {
  const { catalogItemIds, departments, keywords } = rule.conditions;
  if (catalogItemIds.length > 0 && !catalogItemIds.includes(request.catalogItemId)) return false;
  const department = request.department.trim().toLowerCase();
  if (departments.length > 0 && !departments.some((d) => d.trim().toLowerCase() === department)) return false;
  if (keywords.length > 0) {
    const text = `${request.title}\n${request.description}`;
    if (!keywords.some((keyword) => containsWords(text, keyword))) return false;
  }
  return true;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive; whitespace inside a phrase matches any run of whitespace. */
export function containsWords(text: string, phrase: string): boolean {
  const words = phrase.trim().split(/\s+/).filter(Boolean).map(escapeRegex);
  if (words.length === 0) return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
  return pattern.test(text);
}
