/** Where the agent API lives, and the paths of its routes (OpenAPI style: `{id}` is a job id). */
export const AGENT_API = '/api/v1/agent';

export const agentPaths = {
  register: `${AGENT_API}/register`,
  claim: `${AGENT_API}/claim`,
  heartbeat: `${AGENT_API}/heartbeat`,
  offline: `${AGENT_API}/offline`,
  step: `${AGENT_API}/jobs/{id}/steps/{stepId}`,
  log: `${AGENT_API}/jobs/{id}/log`,
  complete: `${AGENT_API}/jobs/{id}/complete`,
  release: `${AGENT_API}/jobs/{id}/release`,
  watch: `${AGENT_API}/jobs/{id}/watch`,
} as const;

/** A path with its `{name}` parameters filled in (URL-encoded). */
export function agentPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The largest log chunk an agent sends in one request (raw bytes, before base64). */
export const MAX_LOG_CHUNK_BYTES = 1024 * 1024;
