import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@ritmo/protocol';
import { createStore } from '@ritmo/store';
import { collectSse, readSse } from '../../apps/server/src/testing/test-sse.js';
import {
  ADMIN_TOKEN,
  alive,
  call,
  ensureBuilt,
  isFinished,
  killPids,
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

/** A step that writes its PID, notes every SIGTERM it gets and carries on (`|| true`: a killed sleep does not end it under -e), and never ends by itself. */
const pipeline = (dir: string): string => `
jobs:
  stubborn:
    steps:
      - name: stubborn
        run: |
          trap 'echo "got TERM" >> "${dir}/term"' TERM
          echo $$ > "${dir}/pid"
          echo "started"
          while true; do sleep 0.1 || true; done
`;

type JobStatusEvent = Extract<LiveEvent, { type: 'job.status' }>;

describe('canceling a job whose step traps SIGTERM', () => {
  let server: ServerProc | undefined;
  let agent: AgentProc | undefined;
  let dir = '';
  const stepPid = async (): Promise<number> => Number((await readFile(join(dir, 'pid'), 'utf8').catch(() => '')).trim());

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-cancel-'));
    server = await startServer();
    agent = await startAgent(server, await registrationToken(server), 'cancel-grace', ['--executor', 'host', '--kill-grace', '3s']);
  }, 120_000);
  afterAll(async () => {
    killPids([await stepPid()].filter((p) => p > 0));
    await removeAgent(agent);
    await removeServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('sends SIGKILL after the grace period, and the job becomes canceled exactly once', async () => {
    const s = server as ServerProc;
    const a = agent as AgentProc;
    const build = await triggerInline(s, 'e2e-cancel-grace', pipeline(dir));
    const jobId: string = build.jobs[0].id;
    await waitFor(() => call(s, 'GET', `/api/v1/jobs/${jobId}/log`).then((r) => r.text), (t) => t.includes('\nstarted\n'), 30_000, 'the step to start');
    const pid = await stepPid();

    const events = readSse(await fetch(`${s.url}/api/v1/builds/${build.id}/events?logs=none`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }));
    await collectSse(events, (m) => m.event.type === 'job.status');
    expect((await call(s, 'POST', `/api/v1/builds/${build.id}/cancel`)).status).toBe(200);

    // SIGTERM came and was trapped: the step lives on until the grace period ends, then SIGKILL ends it.
    await waitFor(() => readFile(join(dir, 'term'), 'utf8').catch(() => ''), (t) => t.includes('got TERM'), 10_000, 'the step to trap SIGTERM');
    expect(alive(pid)).toBe(true);
    await waitFor(async () => alive(pid), (up) => !up, 20_000, 'SIGKILL to end the step');
    await waitFor(async () => a.output(), (o) => o.includes('job done'), 20_000, 'the agent to drop the job');

    const seen = (await collectSse(events, (m) => m.event.type === 'build.finished')).map((m) => m.event);
    const canceled = seen.filter((e): e is JobStatusEvent => e.type === 'job.status' && e.jobId === jobId && e.status === 'canceled');
    expect(canceled).toHaveLength(1);
    expect(seen.filter((e) => e.type === 'job.status' && e.jobId === jobId).map((e) => (e as JobStatusEvent).status)).toEqual(['canceled']);

    const done = await waitFor(() => readBuild(s, build.id), isFinished, 10_000, 'the build to end');
    expect(done.status).toBe('canceled');
    expect(done.jobs[0]).toMatchObject({ status: 'canceled', attempt: 1 });
    expect(a.output()).not.toContain('job result reported');

    // The attempt history holds one attempt, canceled; the audit log one cancel.
    const store = await createStore({ sqlitePath: join(s.dataDir, 'ritmo.db') });
    try {
      const attempts = await store.db.selectFrom('job_attempts').select(['attempt', 'status']).where('job_id', '=', jobId).execute();
      expect(attempts).toEqual([{ attempt: 1, status: 'canceled' }]);
    } finally {
      await store.close();
    }
    const audit = (await call(s, 'GET', '/api/v1/audit?action=build.cancel')).json.items as Json[];
    expect(audit.filter((e) => e.resourceId === build.id)).toHaveLength(1);
  }, 120_000);
});
