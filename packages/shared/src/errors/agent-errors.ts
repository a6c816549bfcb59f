import type { ErrorSpec } from '../error-catalog.js';

/** Codes of the agent API (server side) and of the agent process. */
export const agentErrors = {
  ERR_AGENT_UNAUTHENTICATED: { status: 401, summary: 'An agent API call carries no bearer token; send the registration, agent or job token the route asks for.' },
  ERR_AGENT_INVALID_TOKEN: { status: 401, summary: 'The registration or agent token is unknown, revoked or expired; register the agent again with a valid registration token.' },
  ERR_AGENT_INVALID_JOB_TOKEN: { status: 401, summary: 'The job token does not belong to this job, attempt and lease; every claim hands out its own job token.' },
  ERR_AGENT_CONFIG_INVALID: { status: 400, summary: 'An agent option or RITMO_* variable has an invalid value (server URL, token, labels, capacity, executor ...); the message names it.' },
  ERR_AGENT_SERVER_UNREACHABLE: { status: 503, summary: 'The agent could not reach the server (connection refused, reset or timed out); it retries with backoff.' },
  ERR_AGENT_PROTOCOL: { status: 502, summary: 'The server answered the agent with something outside the agent protocol (an unexpected status or body).' },
  ERR_AGENT_CHECKOUT_FAILED: { status: 500, summary: 'The agent could not check out the build commit into the job workspace (git clone or fetch failed); the job fails with this reason.' },
  ERR_AGENT_JOB_NOT_PREPARED: { status: 409, summary: 'The server claimed a job for the agent but could not prepare its payload (a secret failed to decrypt, say); the job failed with that error code as its reason, and the agent claims again.' },
} as const satisfies Record<string, ErrorSpec>;
