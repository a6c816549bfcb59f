import type { FastifyRequest } from 'fastify';
import { toError, type Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  projectId?: string | null;
  details?: Record<string, unknown>;
  /** Who acted, when the request has no signed-in actor yet (sign-in). */
  actor?: string;
}

/**
 * Records a state-changing action after it succeeded: who (the request's actor), what, on which
 * resource, with the request id. A failure to record is logged, it does not undo the action.
 */
export async function recordAudit(deps: { store: Store; logger: Logger }, request: FastifyRequest, entry: AuditEntry): Promise<void> {
  try {
    await deps.store.audit.createAuditEvent({
      actor: entry.actor ?? request.actor?.userId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      projectId: entry.projectId ?? null,
      requestId: request.id,
      details: entry.details ?? {},
    });
  } catch (e: unknown) {
    deps.logger.error({ err: toError(e), action: entry.action, requestId: request.id }, 'could not record an audit event');
  }
}
