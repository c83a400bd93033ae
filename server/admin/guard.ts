import type { FastifyRequest } from 'fastify';
import type { User } from '../../shared/domain/user';
import { requireAuth } from '../auth/context';
import { forbidden } from '../http/errors';

/** Admin routes: a session is required (API keys get the auth hook's 401), and only admins pass (403 with why). */
export function requireAdmin(request: FastifyRequest, what: string): User {
  const { user } = requireAuth(request);
  if (user.role !== 'admin')
    throw forbidden(`Only admins can manage ${what}: you are signed in as ${withArticle(user.role)}`);
  return user;
}

/** The admin answer for a body or issue list that failed a check beyond the schema (references, uniqueness). */
export interface Issue {
  path: string[];
  message: string;
}

/** "an agent", "a supervisor". */
export const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
