import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExpressionContext, PlanJob, PlanStep } from '@ritmo/pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepEvent } from './job-result.js';
import { createHostExecutor } from './host-executor.js';
import { runJob, type RunJobOptions } from './run-job.js';
import { collectLogs, makeJob, makeStep, tempDir } from './test-support.js';

describe('runJob on the host executor', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  const run = async (job: PlanJob, extra: Partial<RunJobOptions> = {}) => {
    const logs = collectLogs();
    const result = await runJob({
      job,
      executor: createHostExecutor({ killGraceMs: 200, drainMs: 200 }),
      workspace: dir.path,
      context: { ritmo: { branch: 'main', event: 'push', sha: 'abc123', build_number: 7 } },
      signal: new AbortController().signal,
      onLog: logs.onLog,
      killGraceMs: 200,
      ...extra,
    });
    return { result, logs };
  };
  const step = (id: string, run: string, extra: Partial<PlanStep> = {}): PlanStep => makeStep({ id, run, ...extra });

  it('runs steps in order, stops at the first failure and reports its exit code', async () => {
    const { result, logs } = await run(makeJob([step('a', 'echo one'), step('b', 'echo two >&2; exit 3'), step('c', 'echo never')]));
    expect(result.status).toBe('failure');
    expect(result.exitCode).toBe(3);
    expect(result.steps.map((s) => [s.id, s.status, s.exitCode])).toEqual([
      ['a', 'success', 0],
      ['b', 'failure', 3],
      ['c', 'skipped', null],
    ]);
    expect(logs.lines.filter((l) => l.stream !== 'system').map((l) => [l.stream, l.stepId, l.text])).toEqual([
      ['stdout', 'a', 'one'],
      ['stderr', 'b', 'two'],
    ]);
    expect(logs.text('system')).toContain('Running step "a"');
  });

  it('continues past a failing step with continue-on-error and exposes outcome and conclusion', async () => {
    const job = makeJob([
      step('flaky', 'exit 5', { continueOnError: true }),
      step('next', 'echo "${{ steps.flaky.outcome }}/${{ steps.flaky.conclusion }}/${{ job.status }}"'),
    ]);
    const { result, logs } = await run(job);
    expect(result.status).toBe('success');
    expect(result.exitCode).toBe(0);
    expect(result.steps.map((s) => [s.status, s.conclusion])).toEqual([
      ['failure', 'success'],
      ['success', 'success'],
    ]);
    expect(logs.text('stdout')).toBe('failure/success/success');
  });

  it('decides step if: with success(), failure(), always() and the env context', async () => {
    const job = makeJob(
      [
        step('skipme', 'echo no', { if: "${{ env.MODE == 'fast' }}" }),
        step('runme', 'echo yes', { if: "env.MODE == 'slow'" }),
        step('boom', 'exit 1'),
        step('after', 'echo after'),
        step('onfail', 'echo on-failure', { if: 'failure()' }),
        step('cleanup', 'echo cleanup', { if: '${{ always() }}' }),
        step('hash', 'echo hashed', { if: "hashFiles('lock.txt') != ''" }),
      ],
      { env: { MODE: 'slow' } },
    );
    await writeFile(join(dir.path, 'lock.txt'), 'x');
    const { result, logs } = await run(job);
    expect(result.steps.map((s) => s.status)).toEqual(['skipped', 'success', 'failure', 'skipped', 'success', 'success', 'skipped']);
    expect(logs.text('stdout')).toBe('yes\non-failure\ncleanup');
    const { result: ok } = await run(makeJob([step('hash', 'true', { if: "hashFiles('lock.txt') != ''" })]));
    expect(ok.steps[0]?.status).toBe('success');
  });

  it('fails a step whose if: cannot be evaluated, naming the cause', async () => {
    const { result, logs } = await run(makeJob([step('bad', 'true', { if: '${{ nosuch( }}' })]));
    expect(result.steps[0]?.status).toBe('failure');
    expect(logs.text('system')).toContain('ERR_PIPELINE_EXPRESSION');
  });

  it('collects step outputs from $RITMO_OUTPUT, including heredocs, into steps context and job outputs', async () => {
    const job = makeJob(
      [
        step('gen', 'echo "version=1.2.3" >> "$RITMO_OUTPUT"\nprintf "notes<<EOF\\nline 1\\nline 2\\nEOF\\n" >> "$RITMO_OUTPUT"'),
        step('use', 'echo "got ${{ steps.gen.outputs.version }}"\necho "tag=v${{ steps.gen.outputs.version }}" >> $RITMO_OUTPUT'),
        step('junk', 'echo "not an output" >> $RITMO_OUTPUT'),
      ],
      { outputs: { release: 'r-${{ steps.use.outputs.tag }}' } },
    );
    const { result, logs } = await run(job);
    expect(result.status).toBe('success');
    expect(result.steps[0]?.outputs).toEqual({ version: '1.2.3', notes: 'line 1\nline 2' });
    expect(result.outputs).toEqual({ version: '1.2.3', notes: 'line 1\nline 2', tag: 'v1.2.3', release: 'r-v1.2.3' });
    expect(logs.text('stdout')).toBe('got 1.2.3');
    expect(logs.text('system')).toContain('ERR_RUNNER_OUTPUT_FILE_INVALID');
  });

  it('merges env: runner base, extra, RITMO_*, pipeline, job, step; nothing else leaks from the runner', async () => {
    process.env.RITMO_TEST_LEAK = 'leaked';
    try {
      const job = makeJob(
        [
          step(
            'print',
            'for v in A B C D CI RITMO RITMO_BRANCH RITMO_COMMIT RITMO_BUILD_NUMBER RITMO_JOB_ID RITMO_EVENT RITMO_WORKSPACE RITMO_TEST_LEAK; do echo "$v=${!v-unset}"; done\ntest -f "$RITMO_OUTPUT" && test -n "$PATH" && test -n "$HOME"',
            { env: { D: 'step ${{ env.C }}' } },
          ),
        ],
        { id: 'build-1', env: { C: 'job<${{ env.B }}>', D: 'job' } },
      );
      const { result, logs } = await run(job, {
        env: { A: 'extra', B: 'extra', C: 'extra', D: 'extra', RITMO_BRANCH: 'extra' },
        pipelineEnv: { B: 'pipeline', C: 'pipeline', D: 'pipeline' },
      });
      expect(result.status).toBe('success');
      expect(logs.text('stdout').split('\n')).toEqual([
        'A=extra',
        'B=pipeline',
        'C=job<pipeline>',
        'D=step job<pipeline>',
        'CI=true',
        'RITMO=true',
        'RITMO_BRANCH=main',
        'RITMO_COMMIT=abc123',
        'RITMO_BUILD_NUMBER=7',
        'RITMO_JOB_ID=build-1',
        'RITMO_EVENT=push',
        `RITMO_WORKSPACE=${dir.path}`,
        'RITMO_TEST_LEAK=unset',
      ]);
    } finally {
      delete process.env.RITMO_TEST_LEAK;
    }
  });

  it('passes untrusted values to the shell as variables, never as shell text', async () => {
    const context: ExpressionContext = { ritmo: { branch: '$(touch pwned)`touch pwned2`"; touch pwned3' } };
    const { result, logs } = await run(makeJob([step('a', "echo ${{ ritmo.branch }}\necho '${{ ritmo.branch }}'")]), { context });
    expect(result.status).toBe('success');
    expect(logs.text('stdout')).toBe(`${context.ritmo!.branch}\n${context.ritmo!.branch}`);
    for (const f of ['pwned', 'pwned2', 'pwned3']) expect(existsSync(join(dir.path, f))).toBe(false);
  });

  it('masks secrets in output and keeps them out of job outputs', async () => {
    const job = makeJob(
      [step('a', 'echo "token is ${{ secrets.TOKEN }}"\necho "$TOKEN" | base64\necho "leak=$TOKEN" >> $RITMO_OUTPUT', { env: { TOKEN: '${{ secrets.TOKEN }}' } })],
      { outputs: { fine: 'ok' } },
    );
    const { result, logs } = await run(job, { secrets: { TOKEN: 'sup3r-s3cret-t0ken' } });
    expect(logs.text()).not.toContain('sup3r-s3cret-t0ken');
    expect(logs.text('stdout')).toBe('token is ***\n***Cg=='); // Cg== encodes only the newline
    expect(result.outputs).toEqual({ fine: 'ok' });
    expect(logs.text('system')).toContain('Job output "leak" left out: it contains a secret');
  });

  it('refuses a secret shorter than 4 characters before running anything', async () => {
    await expect(run(makeJob([step('a', 'true')]), { secrets: { PIN: '123' } })).rejects.toMatchObject({
      code: 'ERR_RUNNER_SECRET_TOO_SHORT',
    });
  });

  it('fails a uses: step with ERR_RUNNER_PLUGIN_UNAVAILABLE', async () => {
    const { result, logs } = await run(makeJob([makeStep({ id: 'deploy', uses: 'deploy-webhook@1' })]));
    expect(result.status).toBe('failure');
    expect(result.exitCode).toBeNull();
    expect(logs.text('system')).toContain('ERR_RUNNER_PLUGIN_UNAVAILABLE: step "deploy" uses "deploy-webhook@1"');
  });

  it('runs in the working directory and reports a missing one as a step failure', async () => {
    await mkdir(join(dir.path, 'sub'));
    const { result, logs } = await run(
      makeJob([step('a', 'pwd', { workingDirectory: 'sub' }), step('b', 'pwd', { workingDirectory: 'nope' })]),
    );
    expect(logs.text('stdout')).toBe(join(dir.path, 'sub'));
    expect(result.steps[1]).toMatchObject({ status: 'failure', exitCode: null });
    expect(logs.text('system')).toContain('ERR_RUNNER_SPAWN_FAILED');
  });

  it('emits step events and removes its temp directory', async () => {
    const events: StepEvent[] = [];
    const { logs } = await run(makeJob([step('a', 'echo "$RITMO_TEMP"'), step('b', 'true', { if: 'false' })]), {
      onStep: (e) => events.push(e),
    });
    expect(events.map((e) => [e.type, e.stepId, e.type === 'finished' ? e.result.status : ''])).toEqual([
      ['started', 'a', ''],
      ['finished', 'a', 'success'],
      ['finished', 'b', 'skipped'],
    ]);
    const temp = logs.text('stdout');
    expect(temp).toContain('ritmo-job-');
    expect(existsSync(temp)).toBe(false);
  });
});
