import { describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTriggerTestServer } from '../hooks/testing/test-trigger-server.js';

const UPSTREAM = 'jobs:\n  build:\n    steps:\n      - run: echo build\n';
const downstream = (upstreamName: string) => `
jobs:
  deploy:
    if: \${{ ritmo.upstream.status == 'success' && ritmo.upstream.project == '${upstreamName}' }}
    steps:
      - run: echo deploying \${{ ritmo.upstream.sha }}
  on-failure:
    if: \${{ ritmo.upstream.status == 'failure' }}
    steps:
      - run: echo upstream failed
`;

describe.each(STORE_KINDS)('upstream triggers (%s)', (kind) => {
  const t = useTriggerTestServer(kind);

  /** Runs build #n of `project` to the end with `status` (as an agent would report it). */
  async function runBuild(project: string, status: 'success' | 'failure', ref?: string) {
    const build = (await t.call('POST', `/api/v1/projects/${project}/builds`, { body: ref ? { ref } : {} })).json;
    for (const job of build.jobs as { id: string }[]) {
      await t.app.ritmo.orchestrator.startJob(job.id);
      await t.app.ritmo.orchestrator.finishJob(job.id, { attempt: 1, status });
    }
    await t.app.ritmo.triggers.idle();
    return build as { id: string; number: number };
  }
  const buildsOf = async (project: string) => (await t.call('GET', `/api/v1/builds?project=${project}`)).json.items as { id: string; event: string }[];

  it('builds the downstream project when the upstream build succeeds, and it reads the upstream build as ritmo.upstream', async () => {
    const a = await t.project({ pipeline: UPSTREAM }, 'up');
    const b = await t.project({ pipeline: downstream(a) }, 'down');
    const put = await t.call('PUT', `/api/v1/projects/${b}/upstreams/${a}`, { body: {} });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toMatchObject({ upstream: a, statuses: ['success'], branches: null });

    const upstream = await runBuild(a, 'success');
    const [down] = await buildsOf(b);
    expect(down).toMatchObject({ event: 'upstream', actor: null });
    const stored = await t.store.builds.getBuild(down?.id ?? '');
    expect(stored.trigger['upstream']).toMatchObject({ project: a, build_id: upstream.id, build_number: upstream.number, status: 'success', depth: 1 });
    const jobs = await t.store.jobs.listBuildJobs(stored.id);
    expect(Object.fromEntries(jobs.map((j) => [j.planJobId, j.status]))).toEqual({ deploy: 'queued', 'on-failure': 'skipped' });

    // A failed upstream build triggers nothing: only `success` was asked for.
    await runBuild(a, 'failure');
    expect(await buildsOf(b)).toHaveLength(1);
  });

  it('follows the statuses and branches it is given', async () => {
    const a = await t.project({ pipeline: UPSTREAM }, 'up');
    const b = await t.project({ pipeline: downstream(a) }, 'down');
    await t.call('PUT', `/api/v1/projects/${b}/upstreams/${a}`, { body: { statuses: ['failure'], branches: ['release/*'] } });
    await runBuild(a, 'failure');
    expect(await buildsOf(b)).toHaveLength(0);
    await runBuild(a, 'failure', 'refs/heads/release/1.0');
    const [down] = await buildsOf(b);
    const jobs = await t.store.jobs.listBuildJobs(down?.id ?? '');
    expect(Object.fromEntries(jobs.map((j) => [j.planJobId, j.status]))).toEqual({ deploy: 'skipped', 'on-failure': 'queued' });
    const list = (await t.call('GET', `/api/v1/projects/${b}/upstreams`)).json.items;
    expect(list).toMatchObject([{ upstream: a, statuses: ['failure'], branches: ['release/*'] }]);
    expect((await t.call('DELETE', `/api/v1/projects/${b}/upstreams/${a}`)).status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/projects/${b}/upstreams/${a}`)).json.error).toBe('ERR_TRIGGER_UPSTREAM_NOT_FOUND');
  });

  it('refuses loops, unknown projects and configurers who cannot see the upstream project', async () => {
    const a = await t.project({ pipeline: UPSTREAM }, 'up');
    const b = await t.project({ pipeline: UPSTREAM }, 'mid');
    const c = await t.project({ pipeline: UPSTREAM }, 'down');
    await t.call('PUT', `/api/v1/projects/${b}/upstreams/${a}`, { body: {} });
    await t.call('PUT', `/api/v1/projects/${c}/upstreams/${b}`, { body: {} });
    expect((await t.call('PUT', `/api/v1/projects/${a}/upstreams/${c}`, { body: {} })).json.error).toBe('ERR_TRIGGER_UPSTREAM_CYCLE');
    expect((await t.call('PUT', `/api/v1/projects/${a}/upstreams/${a}`, { body: {} })).json.error).toBe('ERR_TRIGGER_UPSTREAM_CYCLE');
    expect((await t.call('PUT', `/api/v1/projects/${a}/upstreams/nope`, { body: {} })).json.error).toBe('ERR_TRIGGER_UPSTREAM_NOT_FOUND');
    const maintainer = await t.user(`maint-${kind}`, c, 'maintainer');
    expect((await t.call('PUT', `/api/v1/projects/${c}/upstreams/${a}`, { token: maintainer, body: {} })).status).toBe(403);
  });
});
