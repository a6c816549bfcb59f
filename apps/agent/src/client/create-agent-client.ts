import type { z } from 'zod';
import * as api from '@ritmo/protocol';
import { err, ok, toError, type Result } from '@ritmo/shared';
import type { CallFailure } from './call-failure.js';

export type CallResult<T> = Result<T, CallFailure>;

/** What a job-scoped write needs: the job, its lease, and the job token of the claim. */
export interface JobAuth {
  jobId: string;
  attempt: number;
  leaseToken: string;
  jobToken: string;
}

export interface AgentClientOptions {
  serverUrl: string;
  /** Calls that hold no long-poll give up after this long (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const HOLD_MARGIN_MS = 15_000;

/**
 * The agent's side of the agent protocol. Every call returns a result instead of throwing: the
 * caller decides whether to retry, stop the job, or give up.
 */
export function createAgentClient(options: AgentClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call<T>(path: string, token: string, body: unknown, schema: z.ZodType<T> | null, opts: { signal?: AbortSignal; holdMs?: number } = {}): Promise<CallResult<T | null>> {
    const limit = AbortSignal.timeout(opts.holdMs === undefined ? timeoutMs : opts.holdMs + HOLD_MARGIN_MS);
    const signal = opts.signal ? AbortSignal.any([opts.signal, limit]) : limit;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(options.serverUrl + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
      text = await res.text();
    } catch (e: unknown) {
      if (opts.signal?.aborted) return err({ kind: 'aborted', status: 0, code: 'ERR_ABORTED', message: 'aborted', details: null });
      return err({ kind: 'unreachable', status: 0, code: 'ERR_AGENT_SERVER_UNREACHABLE', message: toError(e).message, details: null });
    }
    if (res.status === 204) return ok(null);
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.ok) {
      const parsed = schema === null ? { success: true as const, data: null } : schema.safeParse(json);
      if (parsed.success) return ok(parsed.data);
      return err({ kind: 'rejected', status: 502, code: 'ERR_AGENT_PROTOCOL', message: `unexpected answer to ${path}`, details: json ?? text.slice(0, 200) });
    }
    const envelope = api.ErrorEnvelope.safeParse(json);
    const kind = res.status >= 500 || res.status === 429 ? 'unreachable' : 'rejected';
    if (envelope.success) return err({ kind, status: res.status, code: envelope.data.error, message: envelope.data.message, details: envelope.data.details });
    return err({ kind, status: res.status, code: kind === 'unreachable' ? 'ERR_AGENT_SERVER_UNREACHABLE' : 'ERR_AGENT_PROTOCOL', message: `HTTP ${res.status} from ${path}`, details: text.slice(0, 200) });
  }

  const jobPath = (template: string, job: JobAuth, extra: Record<string, string> = {}): string => api.agentPath(template, { id: job.jobId, ...extra });
  const lease = (job: JobAuth) => ({ attempt: job.attempt, leaseToken: job.leaseToken });
  const nonNull = <T>(r: CallResult<T | null>): CallResult<T> =>
    r.ok && r.value === null ? err({ kind: 'rejected', status: 502, code: 'ERR_AGENT_PROTOCOL', message: 'empty answer', details: null }) : (r as CallResult<T>);

  return {
    register: async (registrationToken: string, body: api.RegisterAgentRequest) => nonNull(await call(api.agentPaths.register, registrationToken, body, api.RegisterAgentResponse)),
    /** A job, or null when none came before `waitMs` ended. */
    claim: (agentToken: string, body: api.ClaimRequest, signal?: AbortSignal) =>
      call(api.agentPaths.claim, agentToken, body, api.JobPayload, { ...(signal ? { signal } : {}), holdMs: body.waitMs ?? 60_000 }),
    heartbeat: async (agentToken: string, body: api.HeartbeatRequest, signal?: AbortSignal) =>
      nonNull(await call(api.agentPaths.heartbeat, agentToken, body, api.HeartbeatResponse, signal ? { signal } : {})),
    offline: (agentToken: string) => call(api.agentPaths.offline, agentToken, undefined, null),
    step: (job: JobAuth, stepId: string, update: Omit<api.StepUpdateRequest, 'attempt' | 'leaseToken'>) =>
      call(jobPath(api.agentPaths.step, job, { stepId }), job.jobToken, { ...lease(job), ...update }, null),
    log: async (job: JobAuth, offset: number, data: Buffer) =>
      nonNull(await call(jobPath(api.agentPaths.log, job), job.jobToken, { ...lease(job), offset, data: data.toString('base64') }, api.LogChunkResponse)),
    complete: async (job: JobAuth, result: Pick<api.CompleteJobRequest, 'status' | 'exitCode' | 'outputs' | 'reason'>) =>
      nonNull(await call(jobPath(api.agentPaths.complete, job), job.jobToken, { ...lease(job), ...result }, api.CompleteJobResponse)),
    release: (job: JobAuth, reason: string) => call(jobPath(api.agentPaths.release, job), job.jobToken, { ...lease(job), reason }, null),
    /** Held until the job must stop or `waitMs` passed. */
    watch: async (job: JobAuth, waitMs: number, signal: AbortSignal) =>
      nonNull(await call(jobPath(api.agentPaths.watch, job), job.jobToken, { ...lease(job), waitMs }, api.WatchJobResponse, { signal, holdMs: waitMs })),
  };
}

export type AgentClient = ReturnType<typeof createAgentClient>;
