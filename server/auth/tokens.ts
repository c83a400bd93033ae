import { createHash, randomBytes } from 'node:crypto';

/** Session tokens: 32 random bytes, base64url. Only their SHA-256 is stored, so a database leak yields no sessions. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
