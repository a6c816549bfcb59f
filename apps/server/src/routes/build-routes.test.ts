import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { DAG_PIPELINE, useTestServer } from '../testing/test-server.js';

describe.each(STORE_KINDS)('builds (%s)', (kind) => {
  const t = useTestServer(kind);
  let dev: { id: string; token: string };

  beforeAll(async () => {
    const p = await t.call('POST', '/api/v1/projects', { body: { name: 'numbers', pipeline: DAG_PIPELINE } });
    await t.call('POST', '/api/v1/projects', { body: { name: 'other', pipeline: DAG_PIPELINE } });
    dev = await t.createUser('dev', { roles: { [p.json.id]: 'developer' } });
  });

  it('gives concurrent triggers of one project distinct, consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => t.call('POST', '/api/v1/projects/numbers/builds', { body: {} })));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => r.json.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('gets a build by id and by number, with jobs and steps', async () => {
    const byNumber = await t.call('GET', '/api/v1/projects/numbers/builds/3');
    const build = api.BuildDetail.parse(byNumber.json);
    expect(build.number).toBe(3);
    expect(build.pipelineName).toBe('ci');
    expect(build.jobs.map((j) => j.key)).toEqual(['build', 'test', 'lint', 'deploy']);
    expect((await t.call('GET', `/api/v1/builds/${build.id}`)).json.id).toBe(build.id);
    expect((await t.call('GET', '/api/v1/projects/numbers/builds/999')).json.error).toBe('ERR_API_BUILD_NOT_FOUND');
    const job = await t.call('GET', `/api/v1/jobs/${build.jobs[0]!.id}`);
    expect(api.Job.parse(job.json).key).toBe('build');
  });

  it('pages through builds with a cursor, newest first, without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call('GET', `/api/v1/builds?project=numbers&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      const page = api.Page(api.Build).parse(res.json);
      seen.push(...page.items.map((b) => b.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => 12 - i));
  });

  it('filters by status, branch and actor, and shows non-admins only their projects', async () => {
    await t.call('POST', '/api/v1/projects/other/builds', { body: { ref: 'feature/x' } });
    const mine = await t.call('POST', '/api/v1/projects/numbers/builds', { token: dev.token, body: { ref: 'refs/heads/dev-branch' } });
    expect(mine.json).toMatchObject({ branch: 'dev-branch', ref: 'refs/heads/dev-branch', actor: dev.id });

    const byActor = await t.call('GET', '/api/v1/builds?actor=dev');
    expect(byActor.json.items.map((b: api.Build) => b.id)).toEqual([mine.json.id]);
    const byBranch = await t.call('GET', '/api/v1/builds?branch=feature/x');
    expect(byBranch.json.items).toHaveLength(1);
    expect((await t.call('GET', '/api/v1/builds?status=success')).json.items).toEqual([]);

    const visible = await t.call('GET', '/api/v1/builds?limit=200', { token: dev.token });
    const projects = new Set(visible.json.items.map((b: api.Build) => b.projectId));
    expect(projects.size).toBe(1);
    expect(visible.json.items).toHaveLength(13);
    const paged = await t.call('GET', '/api/v1/builds?limit=10', { token: dev.token });
    const next = await t.call('GET', `/api/v1/builds?limit=10&cursor=${paged.json.nextCursor}`, { token: dev.token });
    expect([...paged.json.items, ...next.json.items].map((b: api.Build) => b.id)).toEqual(visible.json.items.map((b: api.Build) => b.id));
  });
});
