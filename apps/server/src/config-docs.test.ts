import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = import.meta.dirname;
const operations = readFileSync(join(src, '..', '..', '..', 'docs', 'operations.md'), 'utf8');

/** Every `RITMO_*` variable the server's own sources read (tests excluded). */
function variablesRead(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('test-') && !dir.includes('testing')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\bRITMO_[A-Z0-9_]+\b/g)) found.add(m[0]);
      }
    }
  };
  walk(src);
  // Variables the server sets for steps, not configuration it reads.
  for (const stepVariable of ['RITMO_OUTPUT', 'RITMO_SERVER_URL']) found.delete(stepVariable);
  return found;
}

describe('docs/operations.md', () => {
  it('documents every RITMO_* variable the server reads', () => {
    const missing = [...variablesRead()].filter((name) => !operations.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
