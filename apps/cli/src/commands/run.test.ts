import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, git, removeDir, runInProcess } from '../test-cli.js';

const PIPELINE = `name: ci
on:
  push: { branches: [main] }
stages: [build, test, publish]
jobs:
  build:
    stage: build
    steps:
      - run: echo "version=1.2.3" >> "$RITMO_OUTPUT"
      - run: echo "commit $RITMO_COMMIT on $RITMO_BRANCH, build $RITMO_BUILD_NUMBER"
  test:
    stage: test
    strategy:
      matrix: { node: [18, 20, 22] }
    steps:
      - run: echo "node \${{ matrix.node }} tests \${{ needs.build.outputs.version }}"
  lint:
    stage: test
    continue-on-error: true
    steps:
      - run: echo "lint finds a problem"; exit 3
  report:
    stage: publish
    needs: [build, test]
    steps:
      - run: echo "report for $VERSION"
        env:
          VERSION: \${{ needs.build.outputs.version }}
  package:
    stage: publish
    steps:
      - run: echo "package after lint"
`;

/** The summary table rows: job name -> status (from the lines after the JOB header). */
function summary(stdout: string): Record<string, string> {
  const table = stdout.slice(stdout.lastIndexOf('JOB '));
  const rows: Record<string, string> = {};
  for (const line of table.split('\n').slice(1)) {
    const match = /^(.+?)\s{2,}(success|failure|canceled|skipped)\b/.exec(line);
    if (match) rows[match[1]!] = match[2]!;
  }
  return rows;
}

describe('ritmo run', () => {
  let repo: string | undefined;
  afterEach(async () => {
    await removeDir(repo);
    repo = undefined;
  });

  it('runs stages, needs, a 3-cell matrix, outputs and a failing continue-on-error job', async () => {
    repo = await createTempRepo({ '.ritmo.yml': PIPELINE });
    const sha = await git(repo, 'rev-parse', 'HEAD');
    const run = await runInProcess(['run'], repo);

    expect(run.stderr).toBe('');
    expect(summary(run.stdout)).toEqual({
      build: 'success',
      'test (node: 18)': 'success',
      'test (node: 20)': 'success',
      'test (node: 22)': 'success',
      lint: 'failure',
      report: 'success',
      package: 'success',
    });
    expect(run.stdout).toMatch(/^lint\s+failure\s+\S+\s+continue-on-error$/m);
    expect(run.stdout).toMatch(/^build success in /m);
    expect(run.code).toBe(0);
    // Each line carries its job's name; outputs flowed from build to the matrix cells and to report.
    expect(run.stdout).toMatch(new RegExp(`^build\\s+\\| commit ${sha} on main, build 0$`, 'm'));
    for (const node of [18, 20, 22]) {
      expect(run.stdout).toMatch(new RegExp(`^test \\(node: ${node}\\)\\s+\\| node ${node} tests 1\\.2\\.3$`, 'm'));
    }
    expect(run.stdout).toMatch(/^report\s+\| report for 1\.2\.3$/m);
    expect(run.stdout).toMatch(/^lint\s+\| lint finds a problem$/m);
    // Not a terminal and no FORCE_COLOR: plain text.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 1 when a job fails, and skips what needs it', async () => {
    repo = await createTempRepo({
      '.ritmo.yml': `jobs:
  build:
    steps:
      - run: echo broken; exit 7
  deploy:
    needs: [build]
    steps:
      - run: echo never
  cleanup:
    needs: [build]
    if: \${{ always() }}
    steps:
      - run: echo "cleanup after \${{ needs.build.result }}"
`,
    });
    const run = await runInProcess(['run'], repo);
    expect(summary(run.stdout)).toEqual({ build: 'failure', deploy: 'skipped', cleanup: 'success' });
    expect(run.stdout).toMatch(/^cleanup\s+\| cleanup after failure$/m);
    expect(run.stdout).toMatch(/^build\s+\| .*failure \(exit code 7/m);
    expect(run.stdout).not.toContain('never');
    expect(run.stdout).toMatch(/^build failure in /m);
    expect(run.code).toBe(1);
  });

  it('--job runs the named job and what it needs, transitively', async () => {
    repo = await createTempRepo({ '.ritmo.yml': PIPELINE });
    const run = await runInProcess(['run', '--job', 'report', '--executor', 'host'], repo);
    expect(Object.keys(summary(run.stdout))).toEqual(['build', 'test (node: 18)', 'test (node: 20)', 'test (node: 22)', 'report']);
    expect(run.code).toBe(0);
    const unknown = await runInProcess(['run', '--job', 'nope'], repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ERR_CLI_JOB_NOT_FOUND');
  });

  it('passes --env and --input to steps and masks --secret values', async () => {
    repo = await createTempRepo({
      '.ritmo.yml': `on:
  manual:
    inputs:
      target: { type: choice, options: [staging, prod], default: staging }
jobs:
  deploy:
    steps:
      - run: echo "target \${{ inputs.target }} region $REGION token $TOKEN"
        env:
          TOKEN: \${{ secrets.DEPLOY_TOKEN }}
`,
    });
    const args = ['run', '--event', 'manual', '--input', 'target=prod', '--env', 'REGION=eu-1', '--secret', 'DEPLOY_TOKEN=s3cr3t-value'];
    const run = await runInProcess(args, repo);
    expect(run.stdout).toMatch(/^deploy\s+\| target prod region eu-1 token \*\*\*$/m);
    expect(run.stdout).not.toContain('s3cr3t-value');
    expect(run.code).toBe(0);

    const short = await runInProcess(['run', '--secret', 'DEPLOY_TOKEN=abc'], repo);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('ERR_RUNNER_SECRET_TOO_SHORT');
    expect(short.stderr).toContain('DEPLOY_TOKEN');
    expect(short.stdout).toBe('');

    const badInput = await runInProcess(['run', '--input', 'target=qa'], repo);
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toContain('ERR_CLI_INPUT_INVALID');
  });

  it('keeps at most --max-parallel jobs running', async () => {
    repo = await createTempRepo({
      '.ritmo.yml': `jobs:
  a: { steps: [{ run: sleep 0.2 }] }
  b: { steps: [{ run: sleep 0.2 }] }
  c: { steps: [{ run: sleep 0.2 }] }
`,
    });
    const run = await runInProcess(['run', '--max-parallel', '1'], repo);
    expect(run.code).toBe(0);
    // With one slot, every job ends before the next starts.
    const events = [...run.stdout.matchAll(/^(\w)\s+\| job (started|success)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(events).toEqual(['a started', 'a success', 'b started', 'b success', 'c started', 'c success']);
  });

  it('colors job prefixes with FORCE_COLOR and never with NO_COLOR', async () => {
    repo = await createTempRepo({ '.ritmo.yml': 'jobs:\n  only:\n    steps:\n      - run: echo hi\n' });
    const forced = await runInProcess(['run'], repo, { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[36monly\u001b[39m');
    const tty = await runInProcess(['run'], repo, { isTTY: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout).not.toContain('\u001b[');
    expect(tty.stdout).toMatch(/^only \| hi$/m);
  });

  it('exits 2 with ERR_CLI_PIPELINE_NOT_FOUND or ERR_CLI_PIPELINE_AMBIGUOUS', async () => {
    repo = await createTempRepo({ 'README.md': 'no pipeline here\n' });
    const missing = await runInProcess(['run'], repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ERR_CLI_PIPELINE_NOT_FOUND');
    await removeDir(repo);

    const job = 'jobs:\n  a:\n    steps:\n      - run: echo from $RITMO_JOB_NAME\n';
    repo = await createTempRepo({ '.ritmo/one.yml': job, '.ritmo/two.yml': job });
    const ambiguous = await runInProcess(['run'], repo);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('ERR_CLI_PIPELINE_AMBIGUOUS');
    expect(ambiguous.stderr).toContain('.ritmo/one.yml, .ritmo/two.yml');
    const chosen = await runInProcess(['run', '.ritmo/two.yml'], repo);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toMatch(/^a \| from a$/m);
  });

  it('exits 2 on usage errors', async () => {
    repo = await createTempRepo({ '.ritmo.yml': 'jobs:\n  a:\n    steps:\n      - run: "true"\n' });
    expect((await runInProcess(['run', '--env', 'NOEQUALS'], repo)).code).toBe(2);
    expect((await runInProcess(['run', '--max-parallel', '0'], repo)).code).toBe(2);
    expect((await runInProcess(['run', '--event', 'deploy'], repo)).code).toBe(2);
    expect((await runInProcess(['run', '--no-such-flag'], repo)).code).toBe(2);
  });
});
