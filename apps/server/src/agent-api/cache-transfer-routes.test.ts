import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { hostileArchives, tarGz } from '@ritmo/protocol/testing';
import { STORE_KINDS } from '@ritmo/store/testing';
import { claim, complete, download, sha256 } from '../artifacts/testing/test-delivery.js';
import { evictCaches } from '../caches/evict-caches.js';
import { claimBody } from './testing/test-agent-server.js';
import { useAgentTestServer } from './testing/test-agent-server.js';

const PIPELINE = 'jobs:\n  build:\n    runs-on: [cache]\n    steps: [{ run: make }]\n';

describe.each(STORE_KINDS)('cache transfers (%s)', (kind) => {
  const t = useAgentTestServer(kind);
  let project = '';

  const start = async (agentToken: string, options: { ref?: string; trusted?: boolean } = {}): Promise<api.JobPayload> => {
    const res = await t.call('POST', `/api/v1/projects/${project}/builds`, { body: options.ref ? { ref: options.ref } : {} });
    if (options.trusted === false) await t.store.builds.updateBuild(res.json.id, { trusted: false });
    return claim(t, agentToken);
  };
  const save = async (p: api.JobPayload, key: string, archive: Buffer, digest = sha256(archive)) => {
    const query = new URLSearchParams({ attempt: String(p.attempt), leaseToken: p.leaseToken, key, digest });
    const res = await t.apps[0]!.inject({ method: 'POST', url: `${api.agentPath(api.transferPaths.cache, { id: p.jobId })}?${query}`, headers: { authorization: `Bearer ${p.jobToken}`, 'content-type': 'application/gzip' }, payload: archive });
    return { status: res.statusCode, json: JSON.parse(res.body) };
  };
  const restore = async (p: api.JobPayload, key: string, restoreKeys: string[] = []) => {
    const res = await download(t, p, api.agentPath(api.transferPaths.cache, { id: p.jobId }), { key, restoreKeys });
    return res.status === 204 ? null : { key: decodeURIComponent(String(res.headers[api.CACHE_KEY_HEADER])), body: res.body, status: res.status };
  };

  it('restores by exact key, then restore-key prefixes, in the build’s scope then the default branch’s; untrusted builds never write where trusted ones read', async () => {
    const agent = await t.register(['cache']);
    const first = await t.trigger(PIPELINE);
    project = (await t.store.projects.getProject(first.projectId)).name;
    await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) }).then(async (r) => complete(t, api.JobPayload.parse(r.json)));

    const main = await start(agent.token);
    const npm = tarGz([{ name: '.npm/index', content: 'cached' }]);
    expect((await save(main, 'npm-aaa', npm)).json).toEqual({ saved: true, scope: 'trusted:main', reason: null });
    expect((await save(main, 'npm-aaa', tarGz([{ name: 'other', content: 'x' }]))).json).toEqual({ saved: false, scope: 'trusted:main', reason: 'exists' });
    expect((await save(main, 'bad', npm, `sha256:${'1'.repeat(64)}`)).json).toMatchObject({ error: 'ERR_ARTIFACT_DIGEST_MISMATCH' });
    for (const hostile of hostileArchives().slice(0, 4)) expect((await save(main, `hostile-${hostile.name}`, hostile.archive())).json.error).toBe(hostile.code);
    expect(await restore(main, 'npm-aaa')).toMatchObject({ key: 'npm-aaa', status: 200 });
    expect(sha256((await restore(main, 'npm-aaa'))!.body)).toBe(sha256(npm));
    expect((await restore(main, 'npm-zzz', ['nope-', 'npm-']))?.key).toBe('npm-aaa');
    expect(await restore(main, 'other')).toBeNull();
    await complete(t, main);

    const feature = await start(agent.token, { ref: 'feature' });
    expect((await restore(feature, 'npm-aaa'))?.key).toBe('npm-aaa');
    expect((await save(feature, 'npm-bbb', npm)).json.scope).toBe('trusted:feature');
    await complete(t, feature);

    const fork = await start(agent.token, { ref: 'main', trusted: false });
    expect((await restore(fork, 'npm-aaa'))?.key).toBe('npm-aaa');
    expect((await save(fork, 'npm-evil', tarGz([{ name: '.npm/index', content: 'poisoned' }]))).json.scope).toBe('untrusted:main');
    await complete(t, fork);

    const trusted = await start(agent.token);
    expect(await restore(trusted, 'npm-evil')).toBeNull();
    expect((await restore(trusted, 'npm-e', ['npm-e']))).toBeNull();
    expect((await restore(trusted, 'npm-x', ['npm-']))?.key).toBe('npm-aaa');
    await complete(t, trusted);

    const listed = await t.call('GET', `/api/v1/projects/${project}/caches`);
    expect(listed.json.items.map((c: api.Cache) => `${c.scope} ${c.key}`).sort()).toEqual(['trusted:feature npm-bbb', 'trusted:main npm-aaa', 'untrusted:main npm-evil']);
  });

  it('evicts the least recently used caches past the project quota', async () => {
    const artifacts = t.apps[0]!.ritmo.delivery.artifacts;
    const projectId = (await t.store.projects.getProjectByName(project)).id;
    const caches = (await t.store.caches.listCaches(projectId)).items;
    const total = caches.reduce((n, c) => n + c.size, 0);
    const newest = caches[0]!;
    await evictCaches({ ...artifacts, config: { ...artifacts.config, cacheQuotaBytes: total - 1 } }, projectId);
    const left = (await t.store.caches.listCaches(projectId)).items;
    expect(left).toHaveLength(caches.length - 1);
    expect(left.map((c) => c.id)).toContain(newest.id);
    expect(left.map((c) => c.id)).not.toContain(caches.at(-1)!.id);
    expect(await artifacts.blobs.stat(caches.at(-1)!.blobKey)).toBeUndefined();

    const del = await t.call('DELETE', `/api/v1/projects/${project}/caches/${newest.id}`);
    expect(del.status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/projects/${project}/caches/${newest.id}`)).json.error).toBe('ERR_CACHE_NOT_FOUND');
  });
});
