import { z } from 'zod';
import { InstantSchema } from '../domain/common';
import { UserSchema } from '../domain/user';

/**
 * Sign-in and session endpoints of the sync server.
 *
 * POST /api/auth/login   body LoginRequest → LoginResponse (401 wrong credentials, 429 too many attempts)
 * POST /api/auth/logout  (Bearer) → 204; the token stops working at once
 * GET  /api/auth/me      (Bearer) → MeResponse
 *
 * Every other /api route needs `Authorization: Bearer <token>`; an optional `X-Device-Id` header names the device in
 * the audit log.
 */
export const LoginRequestSchema = z.object({
  email: z.string().trim().min(1, 'is required').max(254, 'must be at most 254 characters'),
  password: z.string().min(1, 'is required').max(1024, 'must be at most 1024 characters'),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: InstantSchema,
  user: UserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MeResponseSchema = z.object({ user: UserSchema, expiresAt: InstantSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const DEVICE_ID_HEADER = 'x-device-id';
export const DEVICE_ID_MAX_LENGTH = 64;
