import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, ensureBuilt, removeDir, spawnCli } from './test-cli.js';

/** True while the process exists and is not a zombie (a zombie's reaping is up to PID 1, not us). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSyncOrEmpty(`/proc/${pid}/stat`);
  return !/^\d+ \(.*\) Z/s.test(stat);
}

function readFileSyncOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function readPid(file: string, child: { output: () => string }): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (/^\d+\n/.test(text)) return Number(text.trim());
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no pid in ${file}; output so far:\n${child.output()}`);
}

describe('ritmo (the built command)', () => {
  let repo: string | undefined;
  let child: ReturnType<typeof spawnCli> | undefined;
  const pids: number[] = [];

  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    for (const pid of pids.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    child = undefined;
    await removeDir(repo);
    repo = undefined;
  });

  it('cancels on Ctrl-C: exit 130, canceled in the summary, no process left behind', async () => {
    repo = await createTempRepo({
      '.ritmo.yml': `jobs:
  slow:
    steps:
      - run: |
          sleep 300 &
          echo $! > child.pid
          echo $$ > step.pid
          echo waiting
          wait
  after:
    needs: [slow]
    steps:
      - run: echo never
`,
    });
    child = spawnCli(['run'], repo);
    const stepPid = await readPid(join(repo, 'step.pid'), child);
    const childPid = await readPid(join(repo, 'child.pid'), child);
    pids.push(stepPid, childPid);
    expect(isAlive(stepPid)).toBe(true);

    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const [code] = (await exited) as [number | null];

    expect(code).toBe(130);
    const output = child.output();
    expect(output).toMatch(/^slow\s+canceled\b/m);
    expect(output).toMatch(/^after\s+(skipped|canceled)\b/m);
    expect(output).toMatch(/^build canceled in /m);
    expect(output).not.toContain('never');
    expect(isAlive(stepPid)).toBe(false);
    expect(isAlive(childPid)).toBe(false);
  });

  it('prints usage errors and help with the right exit codes', async () => {
    repo = await createTempRepo({ 'README.md': 'empty\n' });
    child = spawnCli(['lint'], repo);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(child.output()).toContain('ERR_CLI_PIPELINE_NOT_FOUND');

    child = spawnCli(['--help'], repo);
    const [helpCode] = (await once(child, 'exit')) as [number | null];
    expect(helpCode).toBe(0);
    expect(child.output()).toMatch(/lint.*\n.*plan.*\n.*run/s);
  });
});
