import { describe, expect, it } from 'vitest';
import { diagnose, diagnosticsOf, oneJob } from './test-helpers.js';

const STEP = 'steps: [{ run: make }]';

// [title, file, expected `line:col CODE` diagnostics]
const cases: [string, string, string[]][] = [
  ['misspelled top-level key', 'job:\n  a: { steps: [x] }\n', ['1:1 ERR_PIPELINE_MISSING_KEY', '1:1 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled job key', oneJob('runs_on: linux', STEP), ['3:5 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled step key', oneJob('steps:', '  - rnu: make'), ['4:9 ERR_PIPELINE_UNKNOWN_KEY', '4:9 ERR_PIPELINE_STEP_ACTION']],
  ['misspelled trigger', 'on:\n  pul_request: {}\n' + oneJob(STEP), ['2:3 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled filter', 'on:\n  push: { branch: [main] }\n' + oneJob(STEP), ['2:11 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled strategy key', oneJob('strategy: { matrx: { a: [1] } }', STEP), ['3:17 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled cache key', oneJob('cache: { path: [a] }', STEP), ['3:5 ERR_PIPELINE_MISSING_KEY', '3:14 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled retry key', oneJob('retry: { max: 1, wen: [always] }', STEP), ['3:22 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled service key', oneJob('services: { db: { imag: postgres } }', STEP), ['3:17 ERR_PIPELINE_MISSING_KEY', '3:23 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled artifact key', oneJob('artifacts: { name: a, path: [x] }', STEP), ['3:5 ERR_PIPELINE_MISSING_KEY', '3:27 ERR_PIPELINE_UNKNOWN_KEY']],
  ['misspelled input key', 'on:\n  manual:\n    inputs:\n      x: { typ: string }\n' + oneJob(STEP), ['4:12 ERR_PIPELINE_UNKNOWN_KEY']],
  ['missing jobs', 'name: ci\n', ['1:1 ERR_PIPELINE_MISSING_KEY']],
  ['empty jobs', 'jobs: {}\n', ['1:7 ERR_PIPELINE_MISSING_KEY']],
  ['missing steps', 'jobs:\n  build:\n    image: node\n', ['2:3 ERR_PIPELINE_MISSING_KEY']],
  ['empty steps key', 'jobs:\n  build:\n    steps:\n', ['3:5 ERR_PIPELINE_INVALID_TYPE']],
  ['empty steps list', oneJob('steps: []'), ['3:12 ERR_PIPELINE_INVALID_VALUE']],
  ['file is a list', '- a\n- b\n', ['1:1 ERR_PIPELINE_INVALID_TYPE']],
  ['jobs is a list', 'jobs: [a]\n', ['1:7 ERR_PIPELINE_INVALID_TYPE']],
  ['needs is a number', oneJob('needs: 5', STEP), ['3:12 ERR_PIPELINE_INVALID_TYPE']],
  ['runs-on is a map', oneJob('runs-on: { a: 1 }', STEP), ['3:14 ERR_PIPELINE_INVALID_TYPE']],
  ['step is a number', oneJob('steps: [5]'), ['3:13 ERR_PIPELINE_INVALID_TYPE']],
  ['env value is a map', oneJob('env: { A: { b: 1 } }', STEP), ['3:15 ERR_PIPELINE_INVALID_TYPE']],
  ['continue-on-error is text', oneJob('continue-on-error: "yes"', STEP), ['3:24 ERR_PIPELINE_INVALID_TYPE']],
  ['retry is text', oneJob('retry: lots', STEP), ['3:12 ERR_PIPELINE_INVALID_TYPE']],
  ['retry over 10', oneJob('retry: 11', STEP), ['3:12 ERR_PIPELINE_INVALID_VALUE']],
  ['retry when unknown', oneJob('retry: { max: 1, when: [agent-lots] }', STEP), ['3:29 ERR_PIPELINE_INVALID_VALUE']],
  ['exit code out of range', oneJob('retry: { max: 1, exit-codes: [300] }', STEP), ['3:35 ERR_PIPELINE_INVALID_VALUE']],
  ['cache policy unknown', oneJob('cache: { paths: [a], policy: pul }', STEP), ['3:34 ERR_PIPELINE_INVALID_VALUE']],
  ['artifact when unknown', oneJob('artifacts: { paths: [a], when: allways }', STEP), ['3:36 ERR_PIPELINE_INVALID_VALUE']],
  ['max-parallel zero', oneJob('strategy: { max-parallel: 0 }', STEP), ['3:31 ERR_PIPELINE_INVALID_VALUE']],
  ['matrix list empty', oneJob('strategy: { matrix: { node: [] } }', STEP), ['3:33 ERR_PIPELINE_INVALID_VALUE']],
  ['matrix without keys', oneJob('strategy: { matrix: {} }', STEP), ['3:25 ERR_PIPELINE_INVALID_VALUE']],
  ['matrix key with a space', oneJob('strategy: { matrix: { "a b": [1] } }', STEP), ['3:34 ERR_PIPELINE_INVALID_VALUE']],
  ['job key with a space', 'jobs:\n  "my job": { steps: [x] }\n', ['2:3 ERR_PIPELINE_INVALID_VALUE']],
  ['env name with a dash', oneJob('env: { MY-VAR: 1 }', STEP), ['3:12 ERR_PIPELINE_INVALID_VALUE']],
  ['step id with a space', oneJob('steps: [{ id: "a b", run: x }]'), ['3:19 ERR_PIPELINE_INVALID_VALUE']],
  ['service port not a number', oneJob('services: { db: { image: pg, ports: [http] } }', STEP), ['3:42 ERR_PIPELINE_INVALID_VALUE']],
  ['PR type unknown', 'on:\n  pull_request: { types: [opend] }\n' + oneJob(STEP), ['2:27 ERR_PIPELINE_INVALID_VALUE']],
  ['event unknown', 'on: pusj\n' + oneJob(STEP), ['1:5 ERR_PIPELINE_INVALID_VALUE']],
  ['branches and branches-ignore', 'on:\n  push: { branches: [a], branches-ignore: [b] }\n' + oneJob(STEP), ['2:43 ERR_PIPELINE_INVALID_VALUE']],
  ['duplicate stage', 'stages: [a, b, a]\n' + oneJob(STEP), ['1:16 ERR_PIPELINE_DUPLICATE_NAME']],
  ['invalid cron', 'on:\n  schedule:\n    - cron: "0 25 * * *"\n' + oneJob(STEP), ['3:13 ERR_PIPELINE_INVALID_CRON']],
  ['cron with too few fields', 'on:\n  schedule: [{ cron: "* *" }]\n' + oneJob(STEP), ['2:22 ERR_PIPELINE_INVALID_CRON']],
  ['unknown time zone', 'on:\n  schedule: [{ cron: "@daily", timezone: Mars/Olympus }]\n' + oneJob(STEP), ['2:42 ERR_PIPELINE_INVALID_CRON']],
  ['schedule without cron', 'on:\n  schedule: [{ timezone: UTC }]\n' + oneJob(STEP), ['2:14 ERR_PIPELINE_MISSING_KEY']],
  ['glob with unbalanced bracket', 'on:\n  push: { paths: ["src/[ab"] }\n' + oneJob(STEP), ['2:19 ERR_PIPELINE_INVALID_GLOB']],
  ['glob with unbalanced brace', oneJob('cache: { paths: ["a/{b,c"] }', STEP), ['3:22 ERR_PIPELINE_INVALID_GLOB']],
  ['empty glob', oneJob('artifacts: { paths: [""] }', STEP), ['3:26 ERR_PIPELINE_INVALID_GLOB']],
  ['glob in reports', oneJob('reports: { junit: "r/*.xml}" }', STEP), ['3:23 ERR_PIPELINE_INVALID_GLOB']],
  ['invalid job timeout', oneJob('timeout: 10x', STEP), ['3:14 ERR_PIPELINE_INVALID_DURATION']],
  ['zero step timeout', oneJob('steps: [{ run: x, timeout: 0s }]'), ['3:32 ERR_PIPELINE_INVALID_DURATION']],
  ['invalid expire-in', oneJob('artifacts: { paths: [a], expire-in: soon }', STEP), ['3:41 ERR_PIPELINE_INVALID_DURATION']],
  ['input default of the wrong type', 'on:\n  manual:\n    inputs:\n      n: { type: number, default: "x" }\n' + oneJob(STEP), ['4:35 ERR_PIPELINE_INPUT_DEFINITION']],
  ['choice default not an option', 'on:\n  manual:\n    inputs:\n      t: { type: choice, options: [a, b], default: c }\n' + oneJob(STEP), ['4:52 ERR_PIPELINE_INPUT_DEFINITION']],
  ['choice without options', 'on:\n  manual:\n    inputs:\n      t: { type: choice }\n' + oneJob(STEP), ['4:18 ERR_PIPELINE_INPUT_DEFINITION']],
  ['options on a string input', 'on:\n  manual:\n    inputs:\n      t: { options: [a] }\n' + oneJob(STEP), ['4:21 ERR_PIPELINE_INPUT_DEFINITION']],
  ['step with run and uses', oneJob('steps:', '  - run: make', '    uses: x@1'), ['5:15 ERR_PIPELINE_STEP_ACTION']],
  ['step with neither', oneJob('steps:', '  - name: nothing'), ['4:9 ERR_PIPELINE_STEP_ACTION']],
  ['with on a run step', oneJob('steps:', '  - run: make', '    with: { a: 1 }'), ['5:15 ERR_PIPELINE_STEP_ACTION']],
];

describe('validateSchema', () => {
  it.each(cases)('%s', (_, file, expected) => {
    expect(diagnose(file)).toEqual(expected);
  });

  it.each([
    ['job:\n  a: {}\n', 'jobs'],
    [oneJob('runs_on: linux', STEP), 'runs-on'],
    [oneJob('need: [x]', STEP), 'needs'],
    [oneJob('stpes: [x]'), 'steps'],
    [oneJob('enviroment: prod', STEP), 'environment'],
    [oneJob('continue-on-eror: true', STEP), 'continue-on-error'],
    [oneJob('timout: 5m', STEP), 'timeout'],
    [oneJob('steps: [{ run: x, working_directory: a }]'), 'working-directory'],
    [oneJob('strategy: { fail_fast: false }', STEP), 'fail-fast'],
    ['on: { pull-request: {} }\n' + oneJob(STEP), 'pull_request'],
    ['on: { push: { path: [a] } }\n' + oneJob(STEP), 'paths'],
  ])('suggests the key a misspelling was meant to be (%#)', (file, key) => {
    const unknown = diagnosticsOf(file).find((d) => d.code === 'ERR_PIPELINE_UNKNOWN_KEY');
    expect(unknown?.suggestions).toEqual([`did you mean "${key}"?`]);
  });

  it('suggests an option for a misspelled value', () => {
    const [d] = diagnosticsOf(oneJob('cache: { paths: [a], policy: pul }', STEP));
    expect(d?.suggestions).toEqual(['did you mean "pull"?']);
  });

  it('names the problem, the path and the value in messages', () => {
    const [unknown] = diagnosticsOf(oneJob('runs_on: linux', STEP));
    expect(unknown).toMatchObject({ message: 'unknown key "runs_on" in jobs.j', path: 'jobs.j.runs_on', severity: 'error', file: '.ritmo.yml' });
    const [type] = diagnosticsOf(oneJob('needs: 5', STEP));
    expect(type).toMatchObject({ message: 'jobs.j.needs must be a string or a list, got 5', path: 'jobs.j.needs' });
    const [missing] = diagnosticsOf('jobs:\n  build:\n    image: node\n');
    expect(missing).toMatchObject({ message: 'jobs.build is missing the required key "steps"', path: 'jobs.build.steps' });
    const [cron] = diagnosticsOf('on:\n  schedule: [{ cron: "0 25 * * *" }]\n' + oneJob(STEP));
    expect(cron?.message).toBe('on.schedule[0].cron: "0 25 * * *" is not a valid cron expression: invalid value for hour: 25');
  });

  it('carries the file name given', () => {
    expect(diagnosticsOf('job: 1\n', { file: 'ci/.ritmo.yml' })[0]?.file).toBe('ci/.ritmo.yml');
  });
});
