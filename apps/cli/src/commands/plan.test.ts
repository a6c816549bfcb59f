import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, removeDir, runInProcess } from '../test-cli.js';

const PIPELINE = `name: release
on:
  push: { branches: [main], tags: ["v*"] }
  pull_request: { branches: [main] }
  manual:
    inputs:
      target: { type: choice, options: [staging, prod], default: staging }
jobs:
  build:
    runs-on: [linux]
    steps:
      - run: echo build
  test:
    needs: [build]
    strategy:
      matrix: { os: [linux, mac] }
    steps:
      - run: echo test
  pr-check:
    needs: [build]
    if: \${{ ritmo.event == 'pull_request' }}
    steps:
      - run: echo check
  release:
    needs: [test]
    if: \${{ startsWith(ritmo.ref, 'refs/tags/v') }}
    steps:
      - run: echo release
  deploy:
    needs: [release]
    steps:
      - run: echo deploy
  deploy-prod:
    needs: [build]
    if: \${{ ritmo.event == 'manual' && inputs.target == 'prod' }}
    steps:
      - run: echo prod
`;

interface PlanJson {
  plan: { jobs: { id: string; name: string }[] };
  order: string[];
  trigger: { event: string; ref?: string; sha?: string };
  on: { matches: boolean; reason?: string };
  decisions: Record<string, { decision: string; condition: boolean | { error: string }; reason?: string }>;
}

describe('ritmo plan', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await createTempRepo({ '.ritmo.yml': PIPELINE });
  });
  afterAll(async () => {
    await removeDir(repo);
  });

  async function decisions(...args: string[]): Promise<{ json: PlanJson; byName: Record<string, string> }> {
    const run = await runInProcess(['plan', '--json', ...args], repo);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as PlanJson;
    const byName: Record<string, string> = {};
    for (const job of json.plan.jobs) byName[job.name] = json.decisions[job.id]!.decision;
    return { json, byName };
  }

  it.each([
    ['push to main', [], { 'pr-check': 'skip', release: 'skip', deploy: 'skip', 'deploy-prod': 'skip' }],
    ['pull request', ['--event', 'pull_request'], { 'pr-check': 'run', release: 'skip', deploy: 'skip', 'deploy-prod': 'skip' }],
    ['tag v1.0', ['--event', 'tag', '--ref', 'v1.0'], { 'pr-check': 'skip', release: 'run', deploy: 'run', 'deploy-prod': 'skip' }],
    ['manual for prod', ['--event', 'manual', '--input', 'target=prod'], { 'pr-check': 'skip', release: 'skip', deploy: 'skip', 'deploy-prod': 'run' }],
    ['manual with the default input', ['--event', 'manual'], { 'pr-check': 'skip', release: 'skip', deploy: 'skip', 'deploy-prod': 'skip' }],
  ])('decides each if: for %s', async (_name, args, expected) => {
    const { byName } = await decisions(...args);
    expect(byName).toEqual({ build: 'run', 'test (os: linux)': 'run', 'test (os: mac)': 'run', ...expected });
  });

  it('says why a job is skipped and whether on: matches', async () => {
    const { json } = await decisions('--ref', 'feature/x');
    expect(json.on.matches).toBe(false);
    expect(json.on.reason).toContain('feature/x');
    const id = (name: string): string => json.plan.jobs.find((j) => j.name === name)!.id;
    expect(json.decisions[id('release')]).toMatchObject({ decision: 'skip', condition: false });
    expect(json.decisions[id('deploy')]).toMatchObject({ decision: 'skip', condition: true });
    expect(json.decisions[id('deploy')]!.reason).toContain('release');
    expect(json.trigger).toMatchObject({ event: 'push', ref: 'refs/heads/feature/x' });
    expect(json.trigger.sha).toMatch(/^[0-9a-f]{40}$/);
    const main = await decisions();
    expect(main.json.on.matches).toBe(true);
  });

  it('prints jobs in topological order with needs, matrix values, runs-on and if decisions', async () => {
    const run = await runInProcess(['plan', '--event', 'pull_request'], repo);
    expect(run.code).toBe(0);
    const titles = run.stdout.split('\n').filter((l) => /^\S/.test(l)).slice(2);
    expect(titles.map((t) => t.replace(/ \[.*\]$/, ''))).toEqual([
      'build',
      'test (os: linux)',
      'test (os: mac)',
      'pr-check',
      'deploy-prod',
      'release',
      'deploy',
    ]);
    expect(run.stdout).toContain('  runs-on: linux');
    expect(run.stdout).toContain('  matrix: os=mac');
    expect(run.stdout).toContain("  if: ${{ ritmo.event == 'pull_request' }} -> true");
    expect(run.stdout).toMatch(/^ {2}needs: \S+-linux, \S+-mac$/m);
    expect(run.stdout).toMatch(/event pull_request, ref refs\/heads\/main, sha [0-9a-f]{12}; on: matches/);
  });

  it('rejects an unknown input with a usage error', async () => {
    const run = await runInProcess(['plan', '--input', 'traget=prod'], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ERR_CLI_INPUT_INVALID');
    expect(run.stderr).toContain('did you mean "target"?');
  });
});
