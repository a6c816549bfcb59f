// Test-only helpers for the CD suites: run jobs through the agent API, with artifact uploads.
import { createHash } from 'node:crypto';
import * as api from '@ritmo/protocol';
import { tarGz, type RawEntry } from '@ritmo/protocol/testing';
import type { AgentTestServer, Reply } from '../../agent-api/testing/test-agent-server.js';
import { claimBody, leaseOf } from '../../agent-api/testing/test-agent-server.js';

export const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Uploads `archive` as artifact `name` of the claimed job. */
export async function upload(t: AgentTestServer, p: api.JobPayload, name: string, archive: Buffer, digest = sha256(archive)): Promise<Reply> {
  const query = new URLSearchParams({ attempt: String(p.attempt), leaseToken: p.leaseToken, name, digest });
  const res = await t.apps[0]!.inject({
    method: 'POST',
    url: `${api.agentPath(api.transferPaths.uploadArtifact, { id: p.jobId })}?${query}`,
    headers: { authorization: `Bearer ${p.jobToken}`, 'content-type': 'application/gzip' },
    payload: archive,
  });
  return { status: res.statusCode, text: res.body, json: res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : undefined };
}

/** A raw GET on the agent API with the job token (artifact and cache downloads). */
export async function download(t: AgentTestServer, p: api.JobPayload, path: string, extra: Record<string, string | string[]> = {}) {
  const query = new URLSearchParams({ attempt: String(p.attempt), leaseToken: p.leaseToken });
  for (const [k, v] of Object.entries(extra)) for (const one of [v].flat()) query.append(k, one);
  const res = await t.apps[0]!.inject({ method: 'GET', url: `${path}?${query}`, headers: { authorization: `Bearer ${p.jobToken}` } });
  return { status: res.statusCode, body: res.rawPayload, headers: res.headers, json: res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : undefined };
}

export async function claim(t: AgentTestServer, agentToken: string): Promise<api.JobPayload> {
  // Time moves on between jobs, so records made along the way have distinct times (listings sort by them).
  t.clock.advance(1000);
  const res = await t.call('POST', api.agentPaths.claim, { token: agentToken, body: claimBody(0) });
  if (res.status !== 200) throw new Error(`nothing to claim (${res.status}): ${res.text}`);
  return api.JobPayload.parse(res.json);
}

export async function complete(t: AgentTestServer, p: api.JobPayload, status: 'success' | 'failure' = 'success'): Promise<Reply> {
  return t.call('POST', api.agentPath(api.agentPaths.complete, { id: p.jobId }), { token: p.jobToken, body: { ...leaseOf(p), status, exitCode: status === 'success' ? 0 : 1 } });
}

/** Claims the next job, uploads the given artifacts (name -> entries), and completes it. */
export async function runNext(t: AgentTestServer, agentToken: string, artifacts: Record<string, RawEntry[]> = {}, status: 'success' | 'failure' = 'success'): Promise<api.JobPayload> {
  const p = await claim(t, agentToken);
  for (const [name, entries] of Object.entries(artifacts)) {
    const res = await upload(t, p, name, tarGz(entries));
    if (res.status !== 201) throw new Error(`upload of ${name} failed: ${res.text}`);
  }
  const done = await complete(t, p, status);
  if (done.status !== 200) throw new Error(`complete failed: ${done.text}`);
  return p;
}
