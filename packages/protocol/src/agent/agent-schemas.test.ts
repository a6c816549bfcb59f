import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as api from '../index.js';

const planJob = {
  id: 'build',
  key: 'build',
  name: 'build',
  needs: [],
  needsKeys: [],
  runsOn: ['linux'],
  services: [],
  env: {},
  steps: [{ id: 'step-1', name: 'echo hi', run: 'echo hi', env: {}, continueOnError: false }],
  timeoutMs: 3_600_000,
  retry: { max: 0, when: [], exitCodes: [] },
  outputs: {},
  secrets: [],
  failFast: true,
  continueOnError: false,
  artifacts: [],
  reports: { junit: [] },
};

const payload = {
  jobId: 'j_1',
  buildId: 'b_1',
  attempt: 1,
  leaseToken: 'lease',
  jobToken: 'ritmojob_x',
  leaseExpiresAt: '2025-01-01T00:01:00.000Z',
  job: planJob,
  ritmo: { buildId: 'b_1', number: 7, project: 'web', projectId: 'p_1', event: 'push', ref: 'refs/heads/main', sha: 'a'.repeat(40), branch: 'main', tag: null, actor: 'admin', baseBranch: null, prAction: null, trusted: true },
  inputs: { target: 'prod' },
  needs: { lint: { result: 'success', outputs: { v: '1' } } },
  pipelineEnv: { NODE_ENV: 'test' },
  secrets: {},
  repo: null,
  logOffset: 0,
  serverUrl: 'http://127.0.0.1:8080',
};

describe('agent protocol', () => {
  it('registers with labels, capacity and version; rejects bad labels and unknown fields', () => {
    const ok = api.RegisterAgentRequest.parse({ name: 'box', labels: ['linux', 'os:linux', 'arch:x64', 'executor:host'], capacity: 2, version: '0.1.0', executor: 'host' });
    expect(ok.ephemeral).toBe(false);
    expect(api.RegisterAgentRequest.safeParse({ ...ok, labels: ['has space'] }).success).toBe(false);
    expect(api.RegisterAgentRequest.safeParse({ ...ok, capacity: 0 }).success).toBe(false);
    expect(api.RegisterAgentRequest.safeParse({ ...ok, secret: 'x' }).success).toBe(false);
  });

  it('claims with a request id and free slots', () => {
    expect(api.ClaimRequest.parse({ requestId: 'req_0123456789', slots: 1 })).toEqual({ requestId: 'req_0123456789', slots: 1 });
    expect(api.ClaimRequest.safeParse({ requestId: 'short', slots: 1 }).success).toBe(false);
    expect(api.ClaimRequest.safeParse({ requestId: 'req_0123456789', slots: 0 }).success).toBe(false);
    expect(api.ClaimRequest.safeParse({ requestId: 'req_0123456789', slots: 1, waitMs: 999_999 }).success).toBe(false);
  });

  it('carries a whole job payload, keeping plan fields it does not check', () => {
    const parsed = api.JobPayload.parse(payload);
    expect(parsed.job.retry).toEqual(planJob.retry);
    expect(parsed.job.steps[0]?.run).toBe('echo hi');
    expect(api.JobPayload.safeParse({ ...payload, job: { ...planJob, steps: [] } }).success).toBe(false);
    expect(api.JobPayload.safeParse({ ...payload, attempt: 0 }).success).toBe(false);
    expect(api.JobPayload.parse({ ...payload, repo: { url: 'https://example.com/r.git', sha: 'a'.repeat(40), ref: null } }).repo?.url).toContain('example.com');
  });

  it('fences every job-scoped write with attempt and lease token', () => {
    const lease = { attempt: 1, leaseToken: 'lease' };
    expect(api.StepUpdateRequest.parse({ ...lease, status: 'running' })).toEqual({ ...lease, status: 'running' });
    expect(api.StepUpdateRequest.safeParse({ status: 'running' }).success).toBe(false);
    expect(api.StepUpdateRequest.safeParse({ ...lease, status: 'queued' }).success).toBe(false);
    expect(api.LogChunkRequest.parse({ ...lease, offset: 0, data: Buffer.from('hi\n').toString('base64') }).data).toBe('aGkK');
    expect(api.LogChunkRequest.safeParse({ ...lease, offset: 0, data: 'not base64!' }).success).toBe(false);
    expect(api.LogChunkRequest.safeParse({ ...lease, offset: -1, data: '' }).success).toBe(false);
    expect(api.CompleteJobRequest.parse({ ...lease, status: 'success', exitCode: 0 })).toEqual({ ...lease, status: 'success', exitCode: 0, outputs: {}, reason: null });
    expect(api.CompleteJobRequest.safeParse({ ...lease, status: 'lost', exitCode: 0 }).success).toBe(false);
    expect(api.WatchJobRequest.safeParse({ ...lease, extra: 1 }).success).toBe(false);
  });

  it('heartbeats list running jobs with their acknowledged log offset', () => {
    const hb = api.HeartbeatRequest.parse({ running: [{ jobId: 'j_1', attempt: 2, leaseToken: 'lease', logOffset: 120 }] });
    expect(hb.draining).toBe(false);
    expect(api.HeartbeatRequest.safeParse({ running: [{ jobId: 'j_1', attempt: 2, leaseToken: 'lease' }] }).success).toBe(false);
    const answer = { cancel: [{ jobId: 'j_1', attempt: 1, reason: 'canceled' }], leases: [], draining: false, heartbeatIntervalMs: 15_000 };
    expect(api.HeartbeatResponse.parse(answer)).toEqual(answer);
  });

  it('fills path templates and converts to JSON Schema', () => {
    expect(api.agentPath(api.agentPaths.step, { id: 'j_1', stepId: 'step 1' })).toBe('/api/v1/agent/jobs/j_1/steps/step%201');
    expect(z.toJSONSchema(api.JobPayload, { unrepresentable: 'any' })).toMatchObject({ type: 'object' });
  });
});
