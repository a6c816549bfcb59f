import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../../e2e/support/processes.mjs';
import { summarizeProfiles } from './cpu-profile.mjs';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, scriptId: '0', url, lineNumber, columnNumber: 0 });

describe('summarizeProfiles', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ranks self time, packages and inclusive time of our own functions across profiles, idle left out', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ritmo-bench-prof-'));
    const own = pathToFileURL(join(ROOT, 'apps/server/dist/claim.js')).href;
    const dep = pathToFileURL(join(ROOT, 'node_modules/pg/lib/client.js')).href;
    // root -> claim (ours) -> query (pg); root -> (idle)
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 4] },
        { id: 2, callFrame: frame('claim', own, 9), children: [3] },
        { id: 3, callFrame: frame('query', dep, 99), children: [] },
        { id: 4, callFrame: frame('(idle)'), children: [] },
      ],
      samples: [2, 3, 3, 4, 4, 4],
      timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000],
    };
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a', 'one.cpuprofile'), JSON.stringify(profile));
    await writeFile(join(dir, 'two.cpuprofile'), JSON.stringify(profile));
    const s = await summarizeProfiles(dir);
    expect(s.files).toBe(2);
    expect(s.totalMs).toBe(12);
    expect(s.busyMs).toBe(6);
    expect(s.functions[0]).toMatchObject({ name: 'query node_modules/pg/lib/client.js:100', ms: 4 });
    expect(s.functions[1]).toMatchObject({ name: 'claim apps/server/dist/claim.js:10', ms: 2 });
    expect(s.modules.map((m: { name: string }) => m.name)).toEqual(['pg', 'apps/server']);
    expect(s.inclusive).toEqual([{ name: 'claim apps/server/dist/claim.js:10', ms: 6, share: 1 }]);
  });

  it('answers an empty summary when no profile was written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ritmo-bench-prof-'));
    expect((await summarizeProfiles(join(dir, 'missing'))).files).toBe(0);
  });
});
