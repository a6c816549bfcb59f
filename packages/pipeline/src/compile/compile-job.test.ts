import { describe, expect, it } from 'vitest';
import type { PlanJob } from '../plan.js';
import { jobOf, oneJob, planOf } from './test-helpers.js';

const STEP = 'steps: [make]';
const job = (...lines: string[]): PlanJob => jobOf(planOf(oneJob(...lines)), 'j');

describe('compileJob', () => {
  it('applies the defaults', () => {
    expect(job(STEP)).toEqual({
      id: 'j',
      key: 'j',
      name: 'j',
      needs: [],
      needsKeys: [],
      failFast: true,
      runsOn: [],
      services: [],
      env: {},
      steps: [{ id: 'step-1', name: 'make', run: 'make', env: {}, continueOnError: false }],
      timeoutMs: 3_600_000,
      retry: { max: 0, when: ['agent-lost'], exitCodes: [] },
      continueOnError: false,
      artifacts: [],
      reports: { junit: [] },
      outputs: {},
      secrets: [],
    });
  });

  it.each<[string, string[], Partial<PlanJob>]>([
    ['name', ['name: Build it'], { name: 'Build it' }],
    ['runs-on as a string', ['runs-on: linux'], { runsOn: ['linux'] }],
    ['runs-on as a list', ['runs-on: [linux, x64]'], { runsOn: ['linux', 'x64'] }],
    ['image', ['image: node:20'], { image: 'node:20' }],
    ['env of every scalar type', ['env: { A: x, B: 2, C: true, D: }'], { env: { A: 'x', B: '2', C: 'true', D: '' } }],
    ['if as an expression', ["if: ${{ ritmo.ref == 'main' }}"], { if: "${{ ritmo.ref == 'main' }}" }],
    ['if bare', ["if: success() && ritmo.event == 'push'"], { if: "success() && ritmo.event == 'push'" }],
    ['if as a boolean', ['if: false'], { if: 'false' }],
    ['timeout in minutes', ['timeout: 10m'], { timeoutMs: 600_000 }],
    ['timeout in seconds', ['timeout: 90s'], { timeoutMs: 90_000 }],
    ['timeout in hours', ['timeout: 2h'], { timeoutMs: 7_200_000 }],
    ['timeout compound', ['timeout: 1h30m'], { timeoutMs: 5_400_000 }],
    ['retry as a number', ['retry: 2'], { retry: { max: 2, when: ['always'], exitCodes: [] } }],
    ['retry with when', ['retry: { max: 2, when: [agent-lost, timeout] }'], { retry: { max: 2, when: ['agent-lost', 'timeout'], exitCodes: [] } }],
    ['retry with one when', ['retry: { max: 1, when: failure }'], { retry: { max: 1, when: ['failure'], exitCodes: [] } }],
    ['retry on exit codes only', ['retry: { max: 3, exit-codes: [137, 143] }'], { retry: { max: 3, when: [], exitCodes: [137, 143] } }],
    ['retry max only', ['retry: { max: 1 }'], { retry: { max: 1, when: ['always'], exitCodes: [] } }],
    ['continue-on-error', ['continue-on-error: true'], { continueOnError: true }],
    ['concurrency as a string', ['concurrency: deploy'], { concurrency: { group: 'deploy', cancelInProgress: false } }],
    ['concurrency as a map', ['concurrency: { group: "d-${{ ritmo.ref }}", cancel-in-progress: true }'], { concurrency: { group: 'd-${{ ritmo.ref }}', cancelInProgress: true } }],
    ['cache with defaults', ['cache: { paths: .npm }'], { cache: { key: 'default', restoreKeys: [], paths: ['.npm'], policy: 'pull-push' } }],
    ['cache in full', ["cache: { key: \"npm-${{ hashFiles('package-lock.json') }}\", restore-keys: npm-, paths: [.npm, node_modules/**], policy: pull }"], {
      cache: { key: "npm-${{ hashFiles('package-lock.json') }}", restoreKeys: ['npm-'], paths: ['.npm', 'node_modules/**'], policy: 'pull' },
    }],
    ['one artifact with defaults', ['artifacts: { paths: dist/** }'], { artifacts: [{ name: 'j', paths: ['dist/**'], exclude: [], when: 'success' }] }],
    ['artifacts as a list', ['artifacts:', '  - { name: dist, paths: [dist/**], exclude: ["**/*.map"], expire-in: 30d, when: always }', '  - { paths: [logs/*], expire-in: never, when: failure }'], {
      artifacts: [
        { name: 'dist', paths: ['dist/**'], exclude: ['**/*.map'], when: 'always', expireInMs: 2_592_000_000 },
        { name: 'j-2', paths: ['logs/*'], exclude: [], when: 'failure' },
      ],
    }],
    ['reports with one glob', ['reports: { junit: "reports/*.xml" }'], { reports: { junit: ['reports/*.xml'] } }],
    ['reports with a list', ['reports: { junit: [a.xml, "b/**/*.xml"] }'], { reports: { junit: ['a.xml', 'b/**/*.xml'] } }],
    ['environment as a string', ['environment: staging'], { environment: { name: 'staging' } }],
    ['environment as a map', ['environment: { name: prod, url: "https://x.example" }'], { environment: { name: 'prod', url: 'https://x.example' } }],
    ['outputs', ['outputs: { version: "${{ steps.v.outputs.version }}" }'], { outputs: { version: '${{ steps.v.outputs.version }}' } }],
    ['strategy without a matrix', ['strategy: { fail-fast: false, max-parallel: 2 }'], { failFast: false, maxParallel: 2 }],
  ])('%s', (_, lines, expected) => {
    expect(job(...lines, STEP)).toMatchObject(expected);
  });

  it.each<[string, string[], PlanJob['services']]>([
    ['services as a map of images', ['services: { db: "postgres:16" }'], [{ name: 'db', image: 'postgres:16', env: {}, ports: [] }]],
    ['services as a map of specs', ['services:', '  db: { image: postgres, env: { POSTGRES_PASSWORD: x }, ports: [5432, "5433"], command: postgres -c fsync=off }'], [
      { name: 'db', image: 'postgres', env: { POSTGRES_PASSWORD: 'x' }, ports: [5432, 5433], command: ['postgres', '-c', 'fsync=off'] },
    ]],
    ['services as a list', ['services: ["bitnami/redis:7", { name: cache, image: memcached, command: [memcached, -vv] }]'], [
      { name: 'redis', image: 'bitnami/redis:7', env: {}, ports: [] },
      { name: 'cache', image: 'memcached', env: {}, ports: [], command: ['memcached', '-vv'] },
    ]],
  ])('%s', (_, lines, expected) => {
    expect(job(...lines, STEP).services).toEqual(expected);
  });

  it('collects the secrets a job references anywhere, and those of the pipeline env', () => {
    const text = [
      'env: { TOKEN: "${{ secrets.GLOBAL }}" }',
      'jobs:',
      '  j:',
      '    env: { A: "${{ secrets.JOB_ENV }}" }',
      "    if: secrets.IN_IF != ''",
      '    services: { db: { image: pg, env: { P: "${{ secrets[\'DB_PASS\'] }}" } } }',
      '    steps:',
      '      - run: echo "${{ secrets.RUN }} ${{ \'secrets.NOT_A_REF\' }}"',
      '        env: { B: "${{ Secrets.STEP_ENV }}" }',
      '      - uses: deploy@1',
      '        with: { url: "${{ secrets.RUN }}" }',
      '  other:',
      '    steps: [echo]',
    ].join('\n');
    const plan = planOf(text);
    expect(jobOf(plan, 'j').secrets).toEqual(['DB_PASS', 'GLOBAL', 'IN_IF', 'JOB_ENV', 'RUN', 'STEP_ENV']);
    expect(jobOf(plan, 'other').secrets).toEqual(['GLOBAL']);
  });
});

describe('compileSteps', () => {
  const steps = (...lines: string[]) => job('steps:', ...lines.map((l) => `  ${l}`)).steps;

  it('compiles every step key', () => {
    expect(
      steps(
        '- id: build',
        '  name: Build',
        '  run: make all',
        '  shell: sh',
        '  working-directory: src',
        '  env: { A: 1 }',
        "  if: ${{ success() }}",
        '  continue-on-error: true',
        '  timeout: 5m',
        '- uses: upload@2',
        '  with: { path: dist, retries: 3, force: true }',
      ),
    ).toEqual([
      { id: 'build', name: 'Build', run: 'make all', shell: 'sh', workingDirectory: 'src', env: { A: '1' }, if: '${{ success() }}', continueOnError: true, timeoutMs: 300_000 },
      { id: 'step-2', name: 'upload@2', uses: 'upload@2', with: { path: 'dist', retries: '3', force: 'true' }, env: {}, continueOnError: false },
    ]);
  });

  it('takes a string as a run step and names steps after the first line of run', () => {
    const [first, second] = steps('- make test', '- run: |', '    ', '    echo one', '    echo two');
    expect(first).toEqual({ id: 'step-1', name: 'make test', run: 'make test', env: {}, continueOnError: false });
    expect(second).toMatchObject({ id: 'step-2', name: 'echo one', run: '\necho one\necho two\n' });
  });

  it('shortens long default names', () => {
    const [step] = steps(`- run: echo ${'x'.repeat(200)}`);
    expect(step?.name).toHaveLength(80);
    expect(step?.name.endsWith('...')).toBe(true);
  });
});
