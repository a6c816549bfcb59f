import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { DAG_PIPELINE, useTestServer } from '../testing/test-server.js';

describe.each(STORE_KINDS)('projects and members (%s)', (kind) => {
  const t = useTestServer(kind);

  it('creates, reads by name and id, updates, lists and deletes a project', async () => {
    const created = await t.call('POST', '/api/v1/projects', { body: { name: 'web', pipeline: DAG_PIPELINE } });
    expect(created.status).toBe(201);
    const project = api.Project.parse(created.json);
    expect(project).toMatchObject({ name: 'web', hasInlinePipeline: true, defaultBranch: 'main', pipelinePath: '.ritmo.yml' });

    expect((await t.call('GET', '/api/v1/projects/web')).json.id).toBe(project.id);
    expect((await t.call('GET', `/api/v1/projects/${project.id}`)).json.name).toBe('web');

    const patched = await t.call('PATCH', '/api/v1/projects/web', { body: { defaultBranch: 'trunk', pipeline: null } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ defaultBranch: 'trunk', hasInlinePipeline: false });

    const again = await t.call('POST', '/api/v1/projects', { body: { name: 'web' } });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('ERR_API_PROJECT_EXISTS');

    const list = await t.call('GET', '/api/v1/projects?limit=200');
    expect(api.Page(api.Project).parse(list.json).items.map((p) => p.name)).toContain('web');

    expect((await t.call('DELETE', '/api/v1/projects/web')).status).toBe(204);
    const gone = await t.call('GET', '/api/v1/projects/web');
    expect(gone.status).toBe(404);
    expect(gone.json.error).toBe('ERR_API_PROJECT_NOT_FOUND');
  });

  it('makes the creator the project admin and manages members by username', async () => {
    const dev = await t.createUser('dana');
    const made = await t.call('POST', '/api/v1/projects', { token: dev.token, body: { name: 'dana-app' } });
    expect(made.status).toBe(201);
    await t.createUser('vic');

    const add = await t.call('POST', '/api/v1/projects/dana-app/members', { token: dev.token, body: { user: 'vic', role: 'viewer' } });
    expect(add.status).toBe(201);
    expect(api.ProjectMember.parse(add.json)).toMatchObject({ username: 'vic', role: 'viewer' });
    const dup = await t.call('POST', '/api/v1/projects/dana-app/members', { token: dev.token, body: { user: 'vic', role: 'viewer' } });
    expect(dup.status).toBe(409);

    const set = await t.call('PUT', '/api/v1/projects/dana-app/members/vic', { token: dev.token, body: { role: 'developer' } });
    expect(set.json.role).toBe('developer');
    const members = await t.call('GET', '/api/v1/projects/dana-app/members', { token: dev.token });
    expect(members.json.items.map((m: api.ProjectMember) => `${m.username}:${m.role}`).sort()).toEqual(['dana:admin', 'vic:developer']);

    expect((await t.call('DELETE', '/api/v1/projects/dana-app/members/vic', { token: dev.token })).status).toBe(204);
    const missing = await t.call('DELETE', '/api/v1/projects/dana-app/members/vic', { token: dev.token });
    expect(missing.json.error).toBe('ERR_API_MEMBER_NOT_FOUND');
  });

  it('lists only the projects a user belongs to', async () => {
    const outsider = await t.createUser('olga');
    const list = await t.call('GET', '/api/v1/projects', { token: outsider.token });
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ items: [], nextCursor: null });
  });

  it('validates pipelines and returns diagnostics with positions', async () => {
    const ok = await t.call('POST', '/api/v1/pipelines/validate', { body: { pipeline: DAG_PIPELINE } });
    expect(ok.status).toBe(200);
    expect(ok.json.valid).toBe(true);
    expect(ok.json.jobs.map((j: api.PlanJobSummary) => j.id)).toEqual(['build', 'test', 'lint', 'deploy']);

    const bad = await t.call('POST', '/api/v1/pipelines/validate', { body: { pipeline: 'jobs:\n  a:\n    runs_on: [x]\n    steps: []\n' } });
    const result = api.ValidatePipelineResponse.parse(bad.json);
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: expect.any(Number) });
  });
});
