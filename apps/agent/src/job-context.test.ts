import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePipeline, interpolate } from '@ritmo/pipeline';
import { JobPayload } from '@ritmo/protocol';
import { createHostExecutor, runJob, type LogLine } from '@ritmo/runner';
import { jobContext } from './job-context.js';

const PIPELINE = `
jobs:
  deploy:
    strategy: { matrix: { region: [eu] } }
    steps:
      - run: echo "from \${{ ritmo.upstream.project }} build \${{ ritmo.upstream.build_number }} (\${{ ritmo.upstream.status }}) in \${{ ritmo.job }}"
`;

const UPSTREAM = {
  project: 'lib',
  project_id: 'prj_lib',
  build_id: 'bld_lib7',
  build_number: 7,
  status: 'success',
  event: 'push',
  ref: 'refs/heads/main',
  sha: 'abc123',
  branch: 'main',
  tag: null,
  depth: 1,
};

/** A claim answer as the server sends it (JSON), for a build that an upstream build started or not. */
function payload(upstream: unknown): JobPayload {
  const job = compilePipeline(PIPELINE).plan?.jobs[0];
  if (!job) throw new Error('the test pipeline does not compile');
  return JobPayload.parse({
    jobId: 'job_1',
    buildId: 'bld_app3',
    attempt: 1,
    leaseToken: 'lease',
    jobToken: 'ritmojob_x',
    leaseExpiresAt: new Date(0).toISOString(),
    job,
    ritmo: {
      buildId: 'bld_app3',
      number: 3,
      project: 'app',
      projectId: 'prj_app',
      event: 'upstream',
      ref: 'refs/heads/main',
      sha: null,
      branch: 'main',
      tag: null,
      actor: null,
      baseBranch: null,
      prAction: null,
      trusted: true,
      ...(upstream === undefined ? {} : { upstream }),
    },
    inputs: {},
    needs: {},
    pipelineEnv: {},
    secrets: {},
    repo: null,
    logOffset: 0,
    serverUrl: 'http://127.0.0.1:8080',
  });
}

describe('jobContext', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ritmo-job-context-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives steps the upstream build as ritmo.upstream and the job’s plan id as ritmo.job', async () => {
    const claimed = payload(UPSTREAM);
    const ctx = jobContext(claimed);
    expect(ctx.ritmo).toMatchObject({ event: 'upstream', build_number: 3, project: 'app', job: 'deploy-eu', upstream: UPSTREAM, server_url: 'http://127.0.0.1:8080' });

    const lines: LogLine[] = [];
    const result = await runJob({
      job: claimed.job,
      executor: createHostExecutor({ killGraceMs: 200, drainMs: 200 }),
      workspace: dir,
      context: ctx,
      signal: new AbortController().signal,
      onLog: (line) => lines.push(line),
      killGraceMs: 200,
    });
    expect(result.status, lines.map((l) => l.text).join('\n')).toBe('success');
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['from lib build 7 (success) in deploy-eu']);
  });

  it('leaves ritmo.upstream null for other builds, and for payloads of servers that do not send it', () => {
    for (const upstream of [null, undefined]) {
      const ctx = jobContext(payload(upstream));
      expect(ctx.ritmo).not.toHaveProperty('upstream');
      expect(interpolate('[${{ ritmo.upstream.project }}]', ctx)).toBe('[]');
    }
  });
});
