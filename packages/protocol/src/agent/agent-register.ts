import { z } from 'zod';
import { Id } from '../api/common.js';

/** An agent label: letters, digits, `.`, `_`, `:`, `=` and `-` (`linux`, `os:linux`, `gpu=a100`). */
export const AgentLabel = z.string().regex(/^[A-Za-z0-9._:=-]{1,64}$/, 'must be a label (letters, digits, . _ : = -)');
export type AgentLabel = z.infer<typeof AgentLabel>;

/**
 * `POST /api/v1/agent/register` with `Authorization: Bearer <registration token>`. `labels` are the
 * configured ones plus the automatic `os:<platform>`, `arch:<arch>` and `executor:<name>`.
 */
export const RegisterAgentRequest = z.strictObject({
  name: z.string().min(1).max(100),
  labels: z.array(AgentLabel).max(64),
  capacity: z.number().int().min(1).max(256),
  version: z.string().min(1).max(64),
  executor: z.string().min(1).max(32),
  /** Runs one job, then exits (and is removed when it says goodbye). */
  ephemeral: z.boolean().default(false),
});
export type RegisterAgentRequest = z.infer<typeof RegisterAgentRequest>;

/** The agent's own token (shown once) and the timing the server expects of it. */
export const RegisterAgentResponse = z.object({
  agentId: Id,
  name: z.string(),
  /** `ritmoagent_…`: authenticates claims, heartbeats and goodbye. */
  token: z.string(),
  /** The agent's labels as stored: its own plus the registration token's, sorted. */
  labels: z.array(z.string()),
  leaseTtlMs: z.number().int().positive(),
  heartbeatIntervalMs: z.number().int().positive(),
  pollTimeoutMs: z.number().int().positive(),
});
export type RegisterAgentResponse = z.infer<typeof RegisterAgentResponse>;
