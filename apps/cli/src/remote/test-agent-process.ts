import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRitmoClient } from '@ritmo/client';
import { appEntry } from '../processes/app-entry.js';
import type { ServerProcess } from '../test-server-process.js';

/** Test support: a real agent process (the built apps/agent, host executor) registered with a test server. */
export interface AgentProcess {
  name: string;
  pid: number;
  output(): string;
  /** SIGTERM by PID (running jobs are stopped after 1 s), SIGKILL after 10 s, then removes the work dir. */
  stop(): Promise<void>;
}

export async function startAgentProcess(server: ServerProcess, options: { name: string; capacity?: number }): Promise<AgentProcess> {
  const client = createRitmoClient({ baseUrl: server.url, token: server.token });
  const { token } = await client.agents.createToken({ name: options.name });
  const known = new Set((await client.agents.list({ limit: 200 })).items.map((a) => a.id));
  const workDir = await mkdtemp(join(tmpdir(), 'ritmo-cli-agent-'));
  const args = ['--server', server.url, '--token', token, '--name', options.name, '--work-dir', workDir, '--executor', 'host', '--capacity', String(options.capacity ?? 2), '--drain-timeout', '1s'];
  const child = spawn(process.execPath, [appEntry('agent', process.env), ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', RITMO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid ?? 0;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      const { items } = await client.agents.list({ limit: 200 });
      if (items.some((a) => !known.has(a.id) && a.name === options.name && a.status === 'online')) break;
      if (child.exitCode !== null || i > 600) throw new Error(`the agent did not come online:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { name: options.name, pid, output: () => output, stop };
  } catch (e: unknown) {
    await stop();
    throw e;
  }
}
