import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBuilt,
  isFinished,
  readBuild,
  registrationToken,
  removeAgent,
  removeServer,
  startAgent,
  startServer,
  triggerInline,
  waitFor,
  type AgentProc,
  type Json,
  type ServerProc,
} from './processes.js';

describe('100 trivial jobs across 4 agents', () => {
  let server: ServerProc | undefined;
  const agents: AgentProc[] = [];
  let dir = '';

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-hundred-'));
    server = await startServer();
    const token = await registrationToken(server);
    for (let i = 1; i <= 4; i++) agents.push(await startAgent(server, token, `pool-${i}`, ['--executor', 'host', '--capacity', '2', '--log-level', 'warn']));
  }, 120_000);
  afterAll(async () => {
    for (const a of agents) await removeAgent(a);
    await removeServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every job exactly once and the build succeeds', async () => {
    const s = server as ServerProc;
    const jobs = Array.from({ length: 100 }, (_, i) => `  j${i}:\n    steps:\n      - run: echo "$RITMO_JOB_ID" >> "${dir}/ran"\n`).join('');
    const build = await triggerInline(s, 'hundred', `jobs:\n${jobs}`);
    const done = await waitFor(() => readBuild(s, build.id), isFinished, 90_000, 'the build to finish');
    expect(done.status).toBe('success');
    expect(done.jobs.every((j: Json) => j.status === 'success' && j.attempt === 1)).toBe(true);
    const ran = (await readFile(join(dir, 'ran'), 'utf8')).trim().split('\n').sort();
    expect(ran).toEqual(Array.from({ length: 100 }, (_, i) => `j${i}`).sort());
    const used = new Set(done.jobs.map((j: Json) => j.agentId));
    expect(used.size).toBeGreaterThan(1);
  }, 120_000);
});
