/**
 * Integration API keys: 32 random bytes (base64url) behind a readable prefix; only the SHA-256 is stored (like
 * session tokens, sessions.ts), so a database leak yields no usable key. A key authenticates an integration for the
 * intake API only; it is never a user and cannot use user routes.
 */
import { randomUUID } from 'node:crypto';
import type { ApiKey } from '../../shared/server-api/admin';
import { hashToken, newToken } from '../auth/tokens';
import type { Queryable } from '../db/database';

export const KEY_PREFIX = 'itsm_';
const KEY_SHAPE = /^itsm_[A-Za-z0-9_-]{20,128}$/;

export interface Integration {
  id: string;
  name: string;
  onBehalfOf: string;
}

interface ApiKeyRow {
  id: string;
  name: string;
  on_behalf_of: string;
  created_at: Date;
  revoked_at: Date | null;
}

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  onBehalfOf: row.on_behalf_of,
  createdAt: new Date(row.created_at).toISOString(),
  revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
});

/** Stores a new key and returns it with its plaintext, which is never shown again. */
export async function createApiKey(
  db: Queryable,
  input: { id?: string; name: string; onBehalfOf: string; key?: string },
  now = new Date(),
): Promise<ApiKey & { key: string }> {
  // `key` is only given by the demo seed, whose key is printed in the docs.
  const key = input.key ?? `${KEY_PREFIX}${newToken().token}`;
  const id = input.id ?? randomUUID();
  const result = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, name, key_hash, on_behalf_of, created_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, on_behalf_of, created_at, revoked_at`,
    [id, input.name, hashToken(key), input.onBehalfOf, now.toISOString()],
  );
  const row = result.rows[0];
  if (!row) throw new Error('api key insert returned nothing');
  return { ...toApiKey(row), key };
}

export async function listApiKeys(db: Queryable): Promise<ApiKey[]> {
  const result = await db.query<ApiKeyRow>(
    'SELECT id, name, on_behalf_of, created_at, revoked_at FROM api_keys ORDER BY created_at, id',
  );
  return result.rows.map(toApiKey);
}

/** Revokes a key at once; returns the key as it is now, or null when there is no such key. */
export async function revokeApiKey(db: Queryable, id: string, now = new Date()): Promise<ApiKey | null> {
  const result = await db.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1
     RETURNING id, name, on_behalf_of, created_at, revoked_at`,
    [id, now.toISOString()],
  );
  const row = result.rows[0];
  return row ? toApiKey(row) : null;
}

export type KeyLookup = { ok: true; integration: Integration } | { ok: false; reason: string };

export async function findIntegration(db: Queryable, key: string): Promise<KeyLookup> {
  if (!KEY_SHAPE.test(key)) return { ok: false, reason: 'The X-Api-Key header is not a valid API key' };
  const result = await db.query<ApiKeyRow>(
    'SELECT id, name, on_behalf_of, created_at, revoked_at FROM api_keys WHERE key_hash = $1',
    [hashToken(key)],
  );
  const row = result.rows[0];
  if (!row) return { ok: false, reason: 'This API key is not known: ask an administrator for a key' };
  if (row.revoked_at !== null)
    return { ok: false, reason: 'This API key was revoked: ask an administrator for a new one' };
  return { ok: true, integration: { id: row.id, name: row.name, onBehalfOf: row.on_behalf_of } };
}

/** Whether an integration with rule `onBehalfOf` may raise requests for `email` (see ApiKeyInputSchema). */
export function mayActFor(onBehalfOf: string, email: string): boolean {
  const address = email.toLowerCase();
  const rule = onBehalfOf.toLowerCase();
  if (rule === '*') return true;
  if (rule.startsWith('@')) return address.endsWith(rule);
  return address === rule;
}
