import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, removeDir, runInProcess } from '../test-cli.js';

const BAD_KEYS = `name: bad
on:
  push: { branchs: [main] }
  schedule:
    - cron: "61 * * * *"
jobs:
  build:
    runs_on: [linux]
    steps:
      - run: make
  test:
    timeout: 10 minutes
    steps:
      - run: make test
`;

const BAD_GRAPH = `jobs:
  test:
    needs: [biuld]
    steps:
      - run: make
  a:
    needs: [b]
    steps: [{ run: x }]
  b:
    needs: [a]
    steps: [{ run: x }]
`;

const GOOD = `jobs:
  build:
    steps:
      - run: make
`;

/** `file:line:col: severity CODE` of each printed diagnostic, with a word the message must carry. */
function heads(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => /^(\S+:\d+:\d+: \w+ ERR_[A-Z_]+) /.exec(l)?.[1] ?? `unexpected line: ${l}`);
}

describe('ritmo lint', () => {
  let repo: string | undefined;
  afterEach(async () => {
    await removeDir(repo);
    repo = undefined;
  });

  it('prints each diagnostic as file:line:col: severity ERR_CODE message and exits 1', async () => {
    repo = await createTempRepo({ 'bad.yml': BAD_KEYS, 'graph.yml': BAD_GRAPH });
    const run = await runInProcess(['lint', 'bad.yml', 'graph.yml'], repo);
    expect(heads(run.stdout)).toEqual([
      'bad.yml:3:11: error ERR_PIPELINE_UNKNOWN_KEY',
      'bad.yml:5:13: error ERR_PIPELINE_INVALID_CRON',
      'bad.yml:8:5: error ERR_PIPELINE_UNKNOWN_KEY',
      'bad.yml:12:14: error ERR_PIPELINE_INVALID_DURATION',
      'graph.yml:3:13: error ERR_PIPELINE_UNKNOWN_NEEDS',
      'graph.yml:7:13: error ERR_PIPELINE_NEEDS_CYCLE',
    ]);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toContain('"branches"');
    expect(lines[2]).toContain('"runs-on"');
    expect(lines[5]).toContain('a -> b -> a');
    expect(run.stderr).toBe('2 files checked: 6 errors, 0 warnings\n');
    expect(run.code).toBe(1);
  });

  it('answers --json with the diagnostics and their positions', async () => {
    repo = await createTempRepo({ 'graph.yml': BAD_GRAPH });
    const run = await runInProcess(['lint', '--json', 'graph.yml'], repo);
    const report = JSON.parse(run.stdout) as { files: string[]; errors: number; diagnostics: { line: number; column: number; code: string; path: string }[] };
    expect(report.files).toEqual(['graph.yml']);
    expect(report.errors).toBe(2);
    expect(report.diagnostics[0]).toMatchObject({ line: 3, column: 13, code: 'ERR_PIPELINE_UNKNOWN_NEEDS', path: 'jobs.test.needs[0]' });
    expect(run.code).toBe(1);
  });

  it('lints every .ritmo/*.yml by default and exits 0 when all are clean', async () => {
    repo = await createTempRepo({ '.ritmo/a.yml': GOOD, '.ritmo/b.yml': GOOD });
    const run = await runInProcess(['lint'], repo);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('2 files checked: 0 errors, 0 warnings\n');
    expect(run.code).toBe(0);
  });

  it('exits 2 when there is nothing to lint', async () => {
    repo = await createTempRepo({ 'README.md': 'none\n' });
    const missing = await runInProcess(['lint'], repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ERR_CLI_PIPELINE_NOT_FOUND');
    const named = await runInProcess(['lint', 'nope.yml'], repo);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('pipeline file not found: nope.yml');
  });

  it('refuses plan and run on a pipeline with errors, printing the diagnostics', async () => {
    repo = await createTempRepo({ '.ritmo.yml': BAD_GRAPH });
    for (const command of ['plan', 'run']) {
      const run = await runInProcess([command], repo);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('.ritmo.yml:3:13: error ERR_PIPELINE_UNKNOWN_NEEDS');
      expect(run.stderr).toContain('ERR_CLI_PIPELINE_INVALID');
    }
  });
});
