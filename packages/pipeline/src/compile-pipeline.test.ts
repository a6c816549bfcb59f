import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePipeline } from './compile-pipeline.js';
import { defaultLimits } from './limits.js';

const testdata = (dir: string) => fileURLToPath(new URL(`../testdata/${dir}/`, import.meta.url));
const goldenDir = testdata('golden');
const badDir = testdata('bad');
const positions = (text: string, options?: Parameters<typeof compilePipeline>[1]) =>
  compilePipeline(text, options).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);

describe('compilePipeline golden plans', () => {
  const files = readdirSync(goldenDir).filter((f) => f.endsWith('.yml'));

  it('has golden files', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s', async (file) => {
    const { plan, diagnostics } = compilePipeline(readFileSync(goldenDir + file, 'utf8'), { file });
    expect(diagnostics).toEqual([]);
    await expect(`${JSON.stringify(plan, null, 2)}\n`).toMatchFileSnapshot(`${goldenDir}${file.replace(/\.yml$/, '.plan.json')}`);
  });
});

describe('compilePipeline bad-input corpus', () => {
  const files = readdirSync(badDir).filter((f) => f.endsWith('.yml'));

  it.each(files)('%s gives the diagnostics its header expects', (file) => {
    const text = readFileSync(badDir + file, 'utf8');
    const expected = [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => m[1]);
    expect(expected.length).toBeGreaterThan(0);
    const result = compilePipeline(text, { file });
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(expected);
    for (const d of result.diagnostics) {
      expect(d).toMatchObject({ file, severity: 'error' });
      expect(d.message).not.toMatch(/\n\s+at /);
    }
  });

  it('rejects a 10,000-deep flow nesting at the first node past the limit', () => {
    const text = `jobs: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    expect(positions(text)).toEqual(['1:70 ERR_PIPELINE_LIMIT_DEPTH']);
  });

  it('rejects a 10,000-deep block nesting at the first node past the limit', () => {
    const text = `jobs:\n  a:\n    steps:\n      ${'- '.repeat(10_000)}x\n`;
    expect(positions(text)).toEqual(['4:129 ERR_PIPELINE_LIMIT_DEPTH']);
  });

  it('rejects a 5 MB file by its size', () => {
    const step = '      - run: echo "some output that makes the file large"\n';
    const text = 'jobs:\n  big:\n    steps:\n' + step.repeat(Math.ceil((5 * 1024 * 1024) / step.length));
    const result = compilePipeline(text);
    expect(result.diagnostics).toEqual([
      {
        file: '.ritmo.yml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'ERR_PIPELINE_LIMIT_FILE_SIZE',
        message: `file is ${text.length} bytes, over the limit of ${defaultLimits.maxFileBytes} bytes`,
        path: '',
      },
    ]);
  });

  it('rejects a flood of aliases before building the document', () => {
    const text = `x: &x 1\njobs: [${Array.from({ length: 200_000 }, () => '*x').join(',')}]\n`;
    expect(positions(text)).toEqual([`2:${8 + 100 * 3} ERR_PIPELINE_LIMIT_ALIASES`]);
  });
});

describe('compilePipeline', () => {
  it('returns a plan only when there is no error', () => {
    const good = compilePipeline('jobs:\n  a: { steps: [x] }\n');
    expect(good.plan?.jobs.map((j) => j.id)).toEqual(['a']);
    const bad = compilePipeline('jobs:\n  a: { steps: [x], need: b }\n');
    expect(bad.plan).toBeUndefined();
  });

  it('keeps the plan when there are only warnings', () => {
    const result = compilePipeline('jobs:\n  a: { steps: [!custom x] }\n');
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning ERR_PIPELINE_YAML_SYNTAX']);
    expect(result.plan?.jobs[0]?.steps[0]?.run).toBe('x');
  });

  it('names the plan after name: or the file', () => {
    expect(compilePipeline('name: ci\njobs: { a: { steps: [x] } }\n').plan?.name).toBe('ci');
    expect(compilePipeline('jobs: { a: { steps: [x] } }\n', { file: '.ritmo/deploy.yaml' }).plan).toMatchObject({ name: 'deploy', file: '.ritmo/deploy.yaml' });
    expect(compilePipeline('jobs: { a: { steps: [x] } }\n').plan).toMatchObject({ name: 'ritmo', file: '.ritmo.yml' });
  });

  it('compiles pipeline env and concurrency', () => {
    const plan = compilePipeline('env: { A: 1, B: x }\nconcurrency: "ci-${{ ritmo.ref }}"\njobs: { a: { steps: [x] } }\n').plan;
    expect(plan).toMatchObject({ env: { A: '1', B: 'x' }, concurrency: { group: 'ci-${{ ritmo.ref }}', cancelInProgress: false }, stages: [] });
  });

  it('ignores x- keys that hold anchors', () => {
    const text = 'x-step: &step { run: make }\njobs:\n  a: { steps: [*step] }\n';
    expect(compilePipeline(text).plan?.jobs[0]?.steps[0]?.run).toBe('make');
  });

  it('reports an empty file as missing jobs', () => {
    expect(positions('')).toEqual(['1:1 ERR_PIPELINE_MISSING_KEY']);
    expect(positions('# nothing\n')).toEqual(['1:1 ERR_PIPELINE_MISSING_KEY']);
    expect(positions('just text\n')).toEqual(['1:1 ERR_PIPELINE_INVALID_TYPE']);
  });

  it('never throws on arbitrary input', () => {
    const samples = ['{', ']', ': :', '- - -', '&a *a', '!!binary x', '%YAML 1.1\n---\na: 1', '---\na: 1\n---\nb: 2', '\t- x', 'jobs: !!map', '? [a]\n: b', '"\\u00"'];
    for (const text of samples) expect(() => compilePipeline(text)).not.toThrow();
  });
});
