import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { claimBody, leaseOf, useAgentTestServer } from './testing/test-agent-server.js';

const UPSTREAM = 'jobs:\n  build:\n    runs-on: [up]\n    steps:\n      - run: make\n';
const DOWNSTREAM = 'jobs:\n  deploy:\n    runs-on: [down]\n    steps:\n      - run: echo ${{ ritmo.upstream.project }}\n';

/** An upstream build runs through the agent API; the build it starts carries it to its agent as `ritmo.upstream`. */
describe.each(STORE_KINDS)('the upstream build in the job payload (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  it('sends ritmo.upstream for a build an upstream build started, and null otherwise', async () => {
    const up = await t.trigger(UPSTREAM);
    const upProject = (await t.store.projects.getProject(up.projectId)).name;
    const down = await t.trigger(DOWNSTREAM);
    const downProject = (await t.store.projects.getProject(down.projectId)).name;
    expect((await t.call('PUT', `/api/v1/projects/${downProject}/upstreams/${upProject}`, { body: {} })).status).toBe(200);

    const upAgent = await t.register(['up']);
    const downAgent = await t.register(['down']);
    const claim = async (agent: api.RegisterAgentResponse): Promise<api.JobPayload> =>
      api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) })).json);
    const ran = await claim(upAgent);
    expect(ran.buildId).toBe(up.id);
    expect(ran.ritmo.upstream).toBeNull();
    const done = await t.call('POST', api.agentPath(api.agentPaths.complete, { id: ran.jobId }), { token: ran.jobToken, body: { ...leaseOf(ran), status: 'success', exitCode: 0 } });
    expect(done.status, done.text).toBe(200);
    await t.apps[0]?.ritmo.triggers.idle();

    // The manual build of the downstream project, and the one the upstream build started.
    const claimed = [await claim(downAgent), await claim(downAgent)];
    expect(claimed.find((p) => p.buildId === down.id)?.ritmo.upstream).toBeNull();
    const started = claimed.find((p) => p.buildId !== down.id);
    if (started === undefined) throw new Error('the upstream build started no downstream build');
    expect(started.ritmo).toMatchObject({ event: 'upstream', project: downProject });
    expect(started.ritmo.upstream).toEqual({
      project: upProject,
      project_id: up.projectId,
      build_id: up.id,
      build_number: up.number,
      status: 'success',
      event: up.event,
      ref: up.ref,
      sha: up.sha,
      branch: up.branch,
      tag: null,
      depth: 1,
    });
  });
});
