import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CliDeps } from './cli-deps.js';
import { runCli } from './run-cli.js';

const exec = promisify(execFile);

/** Test support: temporary git repositories and ways to run `ritmo` in them. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A git repository in a new temp dir with `files` committed on branch `main`. Remove it with `rm`. */
export async function createTempRepo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ritmo-cli-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'add', '-A');
  await git(dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial');
  return dir;
}

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', args, { cwd, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  return stdout.trim();
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}

/** Runs `ritmo <argv>` in-process in `cwd`, collecting its output. */
export async function runInProcess(
  argv: string[],
  cwd: string,
  extra: { env?: Record<string, string>; signal?: AbortSignal; isTTY?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const deps: CliDeps = {
    stdout: { write: (text: string) => (stdout += text), isTTY: extra.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...extra.env },
    signal: extra.signal ?? new AbortController().signal,
    cpuCount: 2,
  };
  const code = await runCli(argv, deps);
  return { code, stdout, stderr };
}

const CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_MAIN = join(CLI_DIR, 'dist', 'main.js');

/** Builds apps/cli (and what it references) unless dist/main.js exists. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(BUILT_MAIN)) return;
  await exec('npx', ['tsc', '-b', CLI_DIR], { cwd: resolve(CLI_DIR, '..', '..') });
}

/** Starts the built CLI as a real process in `cwd`. */
export function spawnCli(argv: string[], cwd: string): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [BUILT_MAIN, ...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}
