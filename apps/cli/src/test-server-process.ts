import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appEntry } from './processes/app-entry.js';

/** Test support: a real Ritmo server process (the built apps/server) on a free port with SQLite in a temp dir. */
export interface ServerProcess {
  url: string;
  /** The admin's API token. */
  token: string;
  /** SIGTERM, wait for the exit, remove the data dir. */
  stop(): Promise<void>;
}

export async function startServerProcess(): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ritmo-cli-server-'));
  const token = 'ritmo_cli_test_admin_token_0123456789';
  const child = spawn(process.execPath, [appEntry('server', process.env)], {
    env: { PATH: process.env['PATH'] ?? '', RITMO_PORT: '0', RITMO_DATA_DIR: dataDir, RITMO_ADMIN_TOKEN: token, RITMO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(output);
        if (m?.[1]) resolve(m[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
    });
    return { url, token, stop };
  } catch (e: unknown) {
    await stop();
    throw e;
  }
}
