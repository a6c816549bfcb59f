import { z } from 'zod';
import { Duration, Id, Timestamp } from './common.js';

/** A personal API token. The secret (`ritmo_…`) is shown once, when created. */
export const ApiToken = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  /** The first characters of the token, to recognise it. */
  prefix: z.string(),
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenRequest = z.strictObject({
  name: z.string().min(1).max(100),
  /** Lifetime as a duration (`30m`, `24h`, `90d`); omitted = never expires. */
  expiresIn: Duration.optional(),
});
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
