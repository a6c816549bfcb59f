import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePipeline, type Plan } from '@ritmo/pipeline';
import { createExecutor } from '@ritmo/runner';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLocalBuild, type LocalBuildResult, type RunLocalBuildOptions } from './run-local-build.js';

function compile(text: string): Plan {
  const { plan, diagnostics } = compilePipeline(text);
  if (!plan) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return plan;
}

function statuses(result: LocalBuildResult): Record<string, string> {
  return Object.fromEntries(result.jobs.map((r) => [r.job.name, r.status]));
}

describe('runLocalBuild (dummy executor)', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ritmo-local-'));
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  const run = (plan: Plan, extra: Partial<RunLocalBuildOptions> = {}): Promise<LocalBuildResult> =>
    runLocalBuild({
      plan,
      context: { ritmo: { event: 'push' } },
      secrets: {},
      env: {},
      workspace,
      executor: createExecutor('dummy'),
      maxParallel: 4,
      signal: new AbortController().signal,
      killGraceMs: 100,
      ...extra,
    });

  it('cancels the other matrix cells when one fails (fail-fast) and fails the build', async () => {
    const plan = compile(`jobs:
  test:
    strategy:
      matrix: { cell: [fail, slow-a, slow-b] }
      fail-fast: true
    steps:
      - run: dummy
        env:
          DUMMY_EXIT_CODE: "\${{ matrix.cell == 'fail' && '3' || '0' }}"
          DUMMY_SLEEP_MS: "\${{ matrix.cell == 'fail' && '0' || '60000' }}"
  after:
    needs: [test]
    steps: [{ run: dummy }]
`);
    const result = await run(plan);
    expect(statuses(result)).toEqual({
      'test (cell: fail)': 'failure',
      'test (cell: slow-a)': 'canceled',
      'test (cell: slow-b)': 'canceled',
      after: 'skipped',
    });
    expect(result.jobs.find((r) => r.job.name === 'after')?.reason).toContain('failed');
    expect(result.status).toBe('failure');
  });

  it('passes outputs to dependents and reports every job once, in plan order', async () => {
    const plan = compile(`jobs:
  make:
    steps:
      - run: dummy
        env: { DUMMY_RITMO_OUTPUT: "artifact=app-1.tgz" }
  ship:
    needs: [make]
    if: \${{ needs.make.outputs.artifact == 'app-1.tgz' }}
    steps:
      - run: dummy
        env: { DUMMY_OUTPUT: "shipping \${{ needs.make.outputs.artifact }}" }
  never:
    needs: [make]
    if: \${{ needs.make.outputs.artifact == 'other' }}
    steps: [{ run: dummy }]
`);
    const lines: string[] = [];
    const finished: string[] = [];
    const result = await run(plan, {
      maxParallel: 1,
      events: { log: (job, line) => lines.push(`${job.name}: ${line.text}`), jobFinished: (r) => finished.push(r.job.name) },
    });
    expect(statuses(result)).toEqual({ make: 'success', ship: 'success', never: 'skipped' });
    expect(result.jobs[0]?.outputs).toEqual({ artifact: 'app-1.tgz' });
    expect(lines).toContain('ship: shipping app-1.tgz');
    expect(finished.sort()).toEqual(['make', 'never', 'ship']);
    expect(result.status).toBe('success');
  });

  it('gives a job’s if: and steps its plan id as ritmo.job', async () => {
    const plan = compile(`jobs:
  deploy:
    strategy: { matrix: { region: [eu] } }
    if: \${{ ritmo.job == 'deploy-eu' }}
    steps:
      - run: dummy
        env: { DUMMY_OUTPUT: "job \${{ ritmo.job }}" }
`);
    const lines: string[] = [];
    const result = await run(plan, { events: { log: (_job, line) => lines.push(line.text) } });
    expect(result.status).toBe('success');
    expect(lines).toContain('job deploy-eu');
  });

  it('on abort: cancels running jobs, skips pending ones, and the build is canceled', async () => {
    const plan = compile(`jobs:
  long:
    steps:
      - run: dummy
        env: { DUMMY_SLEEP_MS: "60000" }
  later:
    needs: [long]
    steps: [{ run: dummy }]
`);
    const controller = new AbortController();
    const result = await run(plan, {
      signal: controller.signal,
      events: { jobStarted: () => setTimeout(() => controller.abort(), 50) },
    });
    expect(statuses(result)).toEqual({ long: 'canceled', later: 'skipped' });
    expect(result.status).toBe('canceled');
  });

  it('fails a job whose if: cannot be evaluated, without running it', async () => {
    const plan = compile(`jobs:
  odd:
    if: \${{ hashFiles('x') == '' && fromJSON('{') }}
    steps: [{ run: dummy }]
`);
    const started: string[] = [];
    const result = await run(plan, { events: { jobStarted: (job) => started.push(job.name) } });
    expect(result.jobs[0]).toMatchObject({ status: 'failure', exitCode: null });
    expect(result.jobs[0]?.reason).toContain('fromJSON');
    expect(started).toEqual([]);
    expect(result.status).toBe('failure');
  });
});
