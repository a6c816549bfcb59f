import { z } from 'zod';
import { Cursor, Id, Timestamp } from './common.js';

/** One state-changing action: who did what to which resource. */
export const AuditEvent = z.object({
  id: Id,
  /** User id, agent id, `system`, or null. */
  actor: z.string().nullable(),
  /** Dotted verb, e.g. `build.cancel`, `project.create`, `token.revoke`. */
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  projectId: Id.nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const ListAuditQuery = z.strictObject({
  project: z.string().min(1).max(64).optional(),
  actor: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(64).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;
