import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout } from './checkout.js';

const exec = promisify(execFile);
const git = async (cwd: string, ...args: string[]): Promise<string> =>
  (await exec('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd })).stdout.trim();

describe('checkout', () => {
  let dir = '';
  let repo = '';
  let first = '';
  let second = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ritmo-checkout-'));
    repo = join(dir, 'origin');
    await exec('git', ['init', '-q', '-b', 'main', repo]);
    await writeFile(join(repo, 'file.txt'), 'one\n');
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-q', '-m', 'one');
    first = await git(repo, 'rev-parse', 'HEAD');
    await writeFile(join(repo, 'file.txt'), 'two\n');
    await git(repo, 'commit', '-q', '-am', 'two');
    second = await git(repo, 'rev-parse', 'HEAD');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks out exactly the given commit, shallow', async () => {
    const ws = join(dir, 'ws-sha');
    await checkout({ url: `file://${repo}`, sha: first, ref: 'refs/heads/main' }, ws, new AbortController().signal, () => undefined);
    expect(await readFile(join(ws, 'file.txt'), 'utf8')).toBe('one\n');
    expect(await git(ws, 'rev-parse', 'HEAD')).toBe(first);
    expect(await git(ws, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('checks out the tip of the ref when no commit is known', async () => {
    const ws = join(dir, 'ws-ref');
    await checkout({ url: `file://${repo}`, sha: null, ref: 'refs/heads/main' }, ws, new AbortController().signal, () => undefined);
    expect(await git(ws, 'rev-parse', 'HEAD')).toBe(second);
  });

  it('fails with ERR_AGENT_CHECKOUT_FAILED for a missing repository', async () => {
    const output: string[] = [];
    await expect(checkout({ url: `file://${dir}/missing`, sha: null, ref: 'main' }, join(dir, 'ws-missing'), new AbortController().signal, (t) => output.push(t))).rejects.toMatchObject({
      code: 'ERR_AGENT_CHECKOUT_FAILED',
    });
    expect(output.join('')).toContain('git fetch');
  });
});
