import { z } from 'zod';
import { Duration, Id, Timestamp } from './common.js';

export const AgentStatus = z.enum(['online', 'offline']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const Agent = z.object({
  id: Id,
  name: z.string(),
  labels: z.array(z.string()),
  status: AgentStatus,
  /** True once drained: it finishes what it runs and claims nothing new. */
  draining: z.boolean(),
  capacity: z.number().int(),
  version: z.string().nullable(),
  runningJobs: z.array(Id),
  lastSeenAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Agent = z.infer<typeof Agent>;

export const AgentRegistrationToken = z.object({
  id: Id,
  name: z.string(),
  /** Labels every agent registered with this token gets, besides its own. */
  labels: z.array(z.string()),
  /** How many agents registered with it. */
  uses: z.number().int(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type AgentRegistrationToken = z.infer<typeof AgentRegistrationToken>;

export const CreateAgentTokenRequest = z.strictObject({
  name: z.string().min(1).max(100),
  labels: z.array(z.string().regex(/^[A-Za-z0-9._:=-]{1,64}$/, 'must be a label (letters, digits, . _ : = -)')).max(32).optional(),
  /** Lifetime as a duration (`30m`, `24h`, `30d`); omitted = never expires. */
  expiresIn: Duration.optional(),
});
export type CreateAgentTokenRequest = z.infer<typeof CreateAgentTokenRequest>;

/** The answer to creating a registration token: the only time the secret is shown. */
export const CreatedAgentToken = AgentRegistrationToken.extend({ token: z.string() });
export type CreatedAgentToken = z.infer<typeof CreatedAgentToken>;
