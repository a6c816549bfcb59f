import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import type { AgentTestServer, Reply } from '../agent-api/testing/test-agent-server.js';
import { useAgentTestServer } from '../agent-api/testing/test-agent-server.js';
import { claim, complete } from '../artifacts/testing/test-delivery.js';

const PIPELINE = `
jobs:
  test:
    runs-on: [rep]
    steps: [{ run: pytest }]
    reports: { junit: ["reports/*.xml"] }
  lint:
    runs-on: [rep]
    steps: [{ run: lint }]
`;
const PYTEST = readFileSync(new URL('./testdata/pytest.xml', import.meta.url), 'utf8');
const DAY = 24 * 3600 * 1000;

async function uploadReport(t: AgentTestServer, p: api.JobPayload, path: string, body: Buffer, lease: { attempt: number; leaseToken: string } = p): Promise<Reply> {
  const query = new URLSearchParams({ attempt: String(lease.attempt), leaseToken: lease.leaseToken, path });
  const res = await t.apps[0]!.inject({
    method: 'POST',
    url: `${api.agentPath(api.reportPaths.junit, { id: p.jobId })}?${query}`,
    headers: { authorization: `Bearer ${p.jobToken}`, 'content-type': 'application/gzip' },
    payload: body,
  });
  return { status: res.statusCode, text: res.body, json: JSON.parse(res.body) };
}

describe.each(STORE_KINDS)('test reports (%s)', (kind) => {
  const t = useAgentTestServer(kind);
  let agentToken: string;
  let project: string;
  let first: api.BuildDetail;
  let second: api.BuildDetail;

  beforeAll(async () => {
    agentToken = (await t.register(['rep'])).token;
    first = await t.trigger(PIPELINE);
    project = first.projectId;
    await t.store.db.updateTable('builds').set({ sha: 'c0ffee' }).where('id', '=', first.id).execute();
  });

  it('stores an uploaded JUnit report and answers the build’s counts and failed tests', async () => {
    const a = await claim(t, agentToken);
    expect(a.job.name).toBe('test');
    const stored = await uploadReport(t, a, 'reports/pytest.xml', gzipSync(PYTEST));
    expect(stored.status).toBe(201);
    expect(stored.json).toEqual({ path: 'reports/pytest.xml', tests: 4, passed: 1, failed: 2, skipped: 1 });
    // Sent again, the same report replaces its earlier cases instead of adding to them.
    expect((await uploadReport(t, a, 'reports/pytest.xml', gzipSync(PYTEST))).status).toBe(201);
    expect((await complete(t, a, 'failure')).status).toBe(200);

    const res = await t.call('GET', `/api/v1/builds/${first.id}/tests`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ buildId: first.id, reported: true, total: 4, passed: 1, failed: 2, errors: 1, skipped: 1, durationMs: 14 });
    expect(res.json.failures.map((f: api.TestResult) => [f.classname, f.name, f.status, f.job])).toEqual([
      ['tests.test_io', 'test_read', 'error', 'test'],
      ['tests.test_math', 'test_div', 'failed', 'test'],
    ]);
    expect(res.json.failures[1].message).toContain('assert 2 == 3');
  });

  it('refuses hostile and malformed reports, and reports from jobs that declare none', async () => {
    const lint = await claim(t, agentToken);
    expect((await uploadReport(t, lint, 'r.xml', gzipSync(PYTEST))).json.error).toBe('ERR_REPORT_NOT_DECLARED');
    await complete(t, lint);

    const build = await t.call('POST', `/api/v1/projects/${project}/builds`, { body: {} });
    second = api.BuildDetail.parse(build.json);
    await t.store.db.updateTable('builds').set({ sha: 'c0ffee' }).where('id', '=', second.id).execute();
    const a = await claim(t, agentToken);
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><testsuite name="&lol2;"/>';
    const dtd = await uploadReport(t, a, 'reports/x.xml', gzipSync(laughs));
    expect([dtd.status, dtd.json.error]).toEqual([422, 'ERR_REPORT_DTD_FORBIDDEN']);
    const bomb = await uploadReport(t, a, 'reports/x.xml', gzipSync(Buffer.alloc(40 * 1024 * 1024, ' ')));
    expect([bomb.status, bomb.json.error]).toEqual([413, 'ERR_REPORT_TOO_LARGE']);
    expect((await uploadReport(t, a, 'reports/x.xml', Buffer.from('<testsuite/>'))).json.error).toBe('ERR_REPORT_INVALID');
    expect((await uploadReport(t, a, 'reports/x.xml', gzipSync('<testsuite><testcase></testsuite>'))).json.error).toBe('ERR_REPORT_INVALID');
    // The job token is bound to the lease it came with.
    expect((await uploadReport(t, a, 'reports/x.xml', gzipSync(PYTEST), { attempt: a.attempt, leaseToken: 'stale' })).status).toBe(401);

    // This time test_div passes on the same commit: flaky. test_read is not run again.
    const passing = PYTEST.replace(/<testcase classname="tests.test_math" name="test_div"[\s\S]*?<\/testcase>/, '<testcase classname="tests.test_math" name="test_div" time="0.002"/>');
    expect((await uploadReport(t, a, 'reports/pytest.xml', gzipSync(passing))).json).toMatchObject({ tests: 4, passed: 2, failed: 1 });
    await complete(t, a);
    expect((await t.call('GET', `/api/v1/builds/${second.id}/tests`)).json).toMatchObject({ total: 4, passed: 2, failed: 1, skipped: 1 });
  });

  it('flags the tests that passed and failed on the same commit', async () => {
    const res = await t.call('GET', `/api/v1/projects/${project}/tests/flaky`);
    expect(res.status).toBe(200);
    expect(res.json.tests).toEqual([
      expect.objectContaining({ classname: 'tests.test_math', name: 'test_div', runs: 2, failures: 1, flakyCommits: ['c0ffee'], lastMessage: expect.stringContaining('assert 2 == 3') }),
    ]);
    expect((await t.call('GET', '/api/v1/projects/nope/tests/flaky')).status).toBe(404);
    expect((await t.call('GET', `/api/v1/builds/${first.id}/tests`, { token: null })).status).toBe(401);
  });

  it('computes analytics over the stored builds and jobs of the window', async () => {
    const midnight = Math.floor(t.clock.now() / DAY) * DAY;
    // Seeded times: yesterday a 60 s failed build, today a 20 s successful one; their test jobs waited
    // 5 s and 15 s and ran 55 s and 5 s; lint ran 1 s (its queue time unknown).
    const seed = async (id: string, day: number, seconds: number, status: string, waitS: number) => {
      const start = midnight - day * DAY + 3600_000;
      await t.store.db.updateTable('builds').set({ status, started_at: start, finished_at: start + seconds * 1000 }).where('id', '=', id).execute();
      await t.store.db.updateTable('jobs').set({ queued_at: start, started_at: start + waitS * 1000, finished_at: start + seconds * 1000 }).where('build_id', '=', id).where('name', '=', 'test').execute();
      await t.store.db.updateTable('jobs').set({ queued_at: null, started_at: start, finished_at: start + 1000 }).where('build_id', '=', id).where('name', '=', 'lint').execute();
    };
    await seed(first.id, 1, 60, 'failure', 5);
    await seed(second.id, 0, 20, 'success', 15);
    const res = await t.call('GET', `/api/v1/analytics?project=${project}&days=3`);
    expect(res.status).toBe(200);
    const body = api.Analytics.parse(res.json);
    expect(body.totals).toEqual({ builds: 2, successRate: 0.5, durationP50Ms: 20_000, durationP95Ms: 60_000, queueWaitP50Ms: 5_000, queueWaitP95Ms: 15_000 });
    expect(body.daily.map((d) => [d.builds, d.successRate, d.durationP50Ms])).toEqual([
      [0, null, null],
      [1, 0, 60_000],
      [1, 1, 20_000],
    ]);
    expect(body.slowestJobs.map((j) => [j.job, j.runs, j.p50Ms, j.maxMs])).toEqual([
      ['test', 2, 5_000, 55_000],
      ['lint', 2, 1_000, 1_000],
    ]);
    expect(body.flakyTests.map((f) => [f.project, f.name])).toEqual([[body.project, 'test_div']]);
    const overall = await t.call('GET', '/api/v1/analytics?days=3');
    expect(overall.json.totals.builds).toBeGreaterThanOrEqual(2);
    expect((await t.call('GET', '/api/v1/analytics?days=0')).status).toBe(400);
  });
});
