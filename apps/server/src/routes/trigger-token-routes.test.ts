import { describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTriggerTestServer } from '../hooks/testing/test-trigger-server.js';

const PIPELINE = `
on:
  manual:
    inputs:
      target: { type: choice, options: [staging, prod], default: staging }
      count: { type: number, required: false }
jobs:
  deploy:
    steps:
      - run: echo \${{ inputs.target }}
`;

describe.each(STORE_KINDS)('trigger tokens (%s)', (kind) => {
  const t = useTriggerTestServer(kind);
  const trigger = (project: string, token: string | undefined, body: unknown = {}, header: 'bearer' | 'x' = 'bearer') =>
    t.call('POST', `/api/v1/projects/${project}/trigger`, {
      token: null,
      body,
      headers: token === undefined ? {} : header === 'bearer' ? { authorization: `Bearer ${token}` } : { 'x-ritmo-trigger-token': token },
    });

  it('starts an api build with typed inputs, stores only a hash, and stops working when rotated or revoked', async () => {
    const project = await t.project({ pipeline: PIPELINE });
    const created = await t.call('POST', `/api/v1/projects/${project}/trigger-token`);
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token).toMatch(/^ritmotrig_[A-Za-z0-9]{40}$/);
    const stored = await t.store.projects.getProjectByName(project);
    expect(stored.triggerTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.triggerTokenHash).not.toContain(token.slice(10));

    const build = await trigger(project, token, { inputs: { target: 'prod', count: 3 } });
    expect(build.status, build.text).toBe(201);
    expect(build.json).toMatchObject({ event: 'api', actor: null, inputs: { target: 'prod', count: 3 } });
    expect((await trigger(project, token, {}, 'x')).json.inputs).toEqual({ target: 'staging' });
    expect((await trigger(project, token, { inputs: { target: 'qa' } })).json.error).toBe('ERR_PIPELINE_INPUT_CHOICE');
    expect((await trigger(project, token, { inputs: { count: 'three' } })).json.error).toBe('ERR_PIPELINE_INPUT_TYPE');
    expect((await trigger(project, token, { inputs: { nope: 1 } })).json.error).toBe('ERR_PIPELINE_INPUT_UNKNOWN');

    const rotated = (await t.call('POST', `/api/v1/projects/${project}/trigger-token`)).json.token as string;
    expect(rotated).not.toBe(token);
    expect((await trigger(project, token)).json.error).toBe('ERR_TRIGGER_INVALID_TOKEN');
    expect((await trigger(project, rotated)).status).toBe(201);
    expect((await t.call('DELETE', `/api/v1/projects/${project}/trigger-token`)).status).toBe(204);
    expect((await trigger(project, rotated)).status).toBe(401);
  });

  it('refuses no token, another project’s token, a user API token, and lets only maintainers manage tokens', async () => {
    const a = await t.project({ pipeline: PIPELINE });
    const b = await t.project({ pipeline: PIPELINE });
    const tokenB = (await t.call('POST', `/api/v1/projects/${b}/trigger-token`)).json.token as string;
    expect((await trigger(a, undefined)).json.error).toBe('ERR_TRIGGER_INVALID_TOKEN');
    expect((await trigger(a, tokenB)).json.error).toBe('ERR_TRIGGER_INVALID_TOKEN');
    const developer = await t.user(`dev-${kind}`, a, 'developer');
    expect((await trigger(a, developer)).json.error).toBe('ERR_TRIGGER_INVALID_TOKEN');
    expect((await t.call('POST', `/api/v1/projects/${a}/trigger-token`, { token: developer })).status).toBe(403);
    const maintainer = await t.user(`maint-${kind}`, a, 'maintainer');
    expect((await t.call('POST', `/api/v1/projects/${a}/trigger-token`, { token: maintainer })).status).toBe(201);
    expect((await t.store.builds.listBuilds({ projectId: (await t.store.projects.getProjectByName(a)).id })).items).toHaveLength(0);
  });
});
