import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ritmo from './dependency-direction.js';
import { dependencyRules } from '../dependency-rules.js';
import { readdirSync, readFileSync, existsSync } from 'node:fs';

// A throwaway workspace with real package.json files, linted by a real ESLint with our rule.
let root: string;
let eslint: ESLint;

function pkg(dir: string, name: string, deps: Record<string, string> = {}): void {
  mkdirSync(join(root, dir, 'src'), { recursive: true });
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, dependencies: deps }));
}

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.message);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ritmo-lint-'));
  pkg('packages/pipeline', '@ritmo/pipeline', { yaml: '*', '@ritmo/shared': '*' });
  pkg('packages/runner', '@ritmo/runner', { '@ritmo/pipeline': '*' });
  pkg('apps/agent', '@ritmo/agent', {});
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        plugins: { ritmo },
        rules: { 'ritmo/dependency-direction': 'error' },
      },
    ],
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ritmo/dependency-direction', () => {
  it('allows the directions DESIGN.md permits', async () => {
    expect(await lint('packages/pipeline/src/a.ts', "import { x } from '@ritmo/shared';\nimport YAML from 'yaml';")).toEqual([]);
    expect(await lint('packages/runner/src/a.ts', "import { x } from '@ritmo/pipeline';\nimport { spawn } from 'node:child_process';")).toEqual([]);
  });

  it('rejects an import against the direction', async () => {
    const messages = await lint('packages/pipeline/src/a.ts', "import { runJob } from '@ritmo/runner';");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('@ritmo/pipeline may not import @ritmo/runner');
  });

  it('rejects the agent importing the store, also through re-exports and dynamic imports', async () => {
    const messages = await lint(
      'apps/agent/src/a.ts',
      "export { x } from '@ritmo/store';\nexport * from '@ritmo/server';\nawait import('@ritmo/store');",
    );
    expect(messages).toHaveLength(3);
  });

  it('keeps pure packages off Node built-ins', async () => {
    const messages = await lint('packages/pipeline/src/a.ts', "import { readFileSync } from 'node:fs';\nimport path from 'path';");
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('is pure');
  });

  it('rejects relative imports that leave the package', async () => {
    const messages = await lint('packages/runner/src/a.ts', "import { x } from '../../pipeline/src/x.js';");
    expect(messages[0]).toContain('leaves package @ritmo/runner');
  });

  it('rejects undeclared npm dependencies outside tests', async () => {
    expect(await lint('packages/runner/src/a.ts', "import pc from 'picocolors';")).toEqual([
      expect.stringContaining('"picocolors" is not declared'),
    ]);
    expect(await lint('packages/runner/src/a.test.ts', "import { it } from 'vitest';")).toEqual([]);
  });
});

describe('package manifests', () => {
  const repo = join(import.meta.dirname, '..', '..');
  const manifests = ['packages', 'apps']
    .flatMap((d) => (existsSync(join(repo, d)) ? readdirSync(join(repo, d)).map((n) => join(repo, d, n, 'package.json')) : []))
    .filter((f) => existsSync(f));

  it.each(manifests)('%s declares only allowed workspace dependencies', (file) => {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name: string; dependencies?: Record<string, string> };
    const rule = dependencyRules[manifest.name as keyof typeof dependencyRules];
    expect(rule, `${manifest.name} is missing from tools/dependency-rules.js`).toBeDefined();
    const internal = Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@ritmo/'));
    for (const dep of internal) expect(rule.allow as readonly string[]).toContain(dep);
  });
});
