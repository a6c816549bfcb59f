import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRitmoError } from '@ritmo/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseOnePipelineFile } from './choose-one-pipeline-file.js';
import { findPipelineFiles } from './find-pipeline-files.js';

describe('findPipelineFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ritmo-find-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prefers .ritmo.yml over .ritmo/*.yml', async () => {
    await writeFile(join(dir, '.ritmo.yml'), 'jobs: {}\n');
    await mkdir(join(dir, '.ritmo'));
    await writeFile(join(dir, '.ritmo', 'a.yml'), 'jobs: {}\n');
    expect(await findPipelineFiles(dir, [])).toEqual([{ path: join(dir, '.ritmo.yml'), display: '.ritmo.yml' }]);
  });

  it('lists .ritmo/*.yml sorted when there is no .ritmo.yml, ignoring other files', async () => {
    await mkdir(join(dir, '.ritmo'));
    await writeFile(join(dir, '.ritmo', 'b.yml'), '');
    await writeFile(join(dir, '.ritmo', 'a.yaml'), '');
    await writeFile(join(dir, '.ritmo', 'notes.txt'), '');
    await mkdir(join(dir, '.ritmo', 'dir.yml'));
    const found = await findPipelineFiles(dir, []);
    expect(found.map((f) => f.display)).toEqual(['.ritmo/a.yaml', '.ritmo/b.yml']);
  });

  it('throws ERR_CLI_PIPELINE_NOT_FOUND when nothing is there', async () => {
    const error = await findPipelineFiles(dir, []).catch((e: unknown) => e);
    expect(isRitmoError(error, 'ERR_CLI_PIPELINE_NOT_FOUND')).toBe(true);
  });

  it('keeps named files as typed and rejects a missing one', async () => {
    await writeFile(join(dir, 'ci.yml'), '');
    expect(await findPipelineFiles(dir, ['ci.yml'])).toEqual([{ path: join(dir, 'ci.yml'), display: 'ci.yml' }]);
    const error = await findPipelineFiles(dir, ['ci.yml', 'nope.yml']).catch((e: unknown) => e);
    expect(isRitmoError(error, 'ERR_CLI_PIPELINE_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toContain('nope.yml');
  });
});

describe('chooseOnePipelineFile', () => {
  it('returns the only file and refuses a choice between several', () => {
    const a = { path: '/x/a.yml', display: '.ritmo/a.yml' };
    const b = { path: '/x/b.yml', display: '.ritmo/b.yml' };
    expect(chooseOnePipelineFile([a])).toBe(a);
    expect(() => chooseOnePipelineFile([a, b])).toThrow(/\.ritmo\/a\.yml, \.ritmo\/b\.yml/);
  });
});
