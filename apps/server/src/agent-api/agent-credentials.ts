import type { FastifyRequest } from 'fastify';
import { RitmoError } from '@ritmo/shared';
import type { Agent, LeaseRef, RegistrationToken } from '@ritmo/store';
import { hashToken } from '../auth/tokens.js';
import type { AgentApiDeps } from './agent-api-deps.js';

/** The bearer token of an agent API request; ERR_AGENT_UNAUTHENTICATED without one. */
export function bearerToken(request: FastifyRequest, kind: string): string {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) throw new RitmoError('ERR_AGENT_UNAUTHENTICATED', `send "Authorization: Bearer <${kind}>"`);
  return match[1];
}

/** The agent an agent token (`ritmoagent_…`) belongs to; ERR_AGENT_INVALID_TOKEN otherwise. */
export async function authenticateAgent(deps: Pick<AgentApiDeps, 'store'>, request: FastifyRequest): Promise<Agent> {
  const token = bearerToken(request, 'agent token');
  const agent = token.startsWith('ritmoagent_') ? await deps.store.agents.findAgentByTokenHash(hashToken(token)) : undefined;
  if (!agent) {
    throw new RitmoError('ERR_AGENT_INVALID_TOKEN', 'the agent token is unknown (the agent was deleted, or the token is wrong)', {
      suggestions: ['register the agent again with a registration token'],
    });
  }
  return agent;
}

/** A usable registration token (`ritmoreg_…`): known, not revoked, not expired. */
export async function authenticateRegistration(deps: Pick<AgentApiDeps, 'store' | 'clock'>, request: FastifyRequest): Promise<RegistrationToken> {
  const token = bearerToken(request, 'registration token');
  const found = token.startsWith('ritmoreg_') ? await deps.store.registrationTokens.findRegistrationTokenByHash(hashToken(token)) : undefined;
  const expired = found?.expiresAt != null && found.expiresAt <= deps.clock.now();
  if (!found || found.revokedAt !== null || expired) {
    throw new RitmoError('ERR_AGENT_INVALID_TOKEN', `the registration token is ${expired ? 'expired' : 'unknown or revoked'}`, {
      suggestions: ['create one with POST /api/v1/agent-tokens (site administrators)'],
    });
  }
  return found;
}

/** Checks the job token of a job-scoped write against the (job, attempt, lease token) it carries. */
export async function authenticateJob(deps: Pick<AgentApiDeps, 'jobTokens'>, request: FastifyRequest, ref: LeaseRef): Promise<void> {
  const token = bearerToken(request, 'job token');
  if (!(await deps.jobTokens()).verify(token, ref)) {
    throw new RitmoError('ERR_AGENT_INVALID_JOB_TOKEN', `the job token is not the one of job ${ref.jobId} attempt ${ref.attempt} under this lease`, {
      details: { jobId: ref.jobId, attempt: ref.attempt },
    });
  }
}
