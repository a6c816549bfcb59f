import { describe, expect, it } from 'vitest';
import type * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { runNext } from '../artifacts/testing/test-delivery.js';
import { createUser } from '../artifacts/testing/test-users.js';
import { useAgentTestServer } from '../agent-api/testing/test-agent-server.js';

const PIPELINE = 'jobs:\n  build:\n    runs-on: [promo]\n    steps: [{ run: make }]\n    artifacts: { name: dist, paths: ["dist/**"] }\n';

describe.each(STORE_KINDS)('promotions (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  it('moves an artifact dev -> staging -> prod by digest, refusing skipped levels, missing approvals, roles and unprotected branches', async () => {
    const agent = await t.register(['promo']);
    const first = await t.trigger(PIPELINE);
    const project = (await t.store.projects.getProject(first.projectId)).name;
    const dev = await createUser(t, 'dana', first.projectId, 'developer');
    const maint = await createUser(t, 'mona', first.projectId, 'maintainer');
    const other = await createUser(t, 'omar', first.projectId, 'maintainer');
    await runNext(t, agent.token, { dist: [{ name: 'dist/a', content: 'main build' }] });
    const digest = (await t.call('GET', `/api/v1/builds/${first.id}/artifacts`)).json.items[0].digest as string;
    const base = `/api/v1/projects/${project}`;
    const promote = (to: string, token?: string) => (t.clock.advance(1000), t).call('POST', `${base}/promotions`, { body: { digest, to }, ...(token ? { token } : {}) });
    const approve = (to: string, token: string) => t.call('POST', `${base}/promotions/approvals`, { body: { digest, to }, token });

    expect((await t.call('GET', `${base}/delivery`)).json).toEqual({
      protectedBranches: ['main'],
      promotionLevels: [
        { name: 'dev', role: 'developer', approvals: 0, protectedBranchOnly: false },
        { name: 'staging', role: 'developer', approvals: 0, protectedBranchOnly: true },
        { name: 'prod', role: 'maintainer', approvals: 1, protectedBranchOnly: true },
      ],
    });
    expect((await promote('staging', dev.token)).json).toMatchObject({ error: 'ERR_DEPLOY_PROMOTION_SKIPS_LEVEL', details: { from: null, to: 'staging', next: 'dev' } });
    expect((await promote('qa', dev.token)).json.error).toBe('ERR_DEPLOY_LEVEL_UNKNOWN');
    const toDev = await promote('dev', dev.token);
    expect(toDev.status).toBe(201);
    expect(toDev.json).toMatchObject({ fromLevel: null, toLevel: 'dev', status: 'promoted', actor: 'dana', digest });
    expect((await promote('dev', dev.token)).json.error).toBe('ERR_DEPLOY_PROMOTION_SKIPS_LEVEL');
    expect((await promote('staging', dev.token)).json).toMatchObject({ toLevel: 'staging', fromLevel: 'dev' });

    expect((await promote('prod', dev.token)).json.error).toBe('ERR_DEPLOY_PROMOTION_ROLE');
    expect((await approve('prod', dev.token)).json.error).toBe('ERR_DEPLOY_PROMOTION_ROLE');
    expect((await promote('prod', maint.token)).json).toMatchObject({ error: 'ERR_DEPLOY_APPROVALS_MISSING', details: { required: 1, approvedBy: [] } });
    expect((await approve('prod', other.token)).json).toMatchObject({ status: 'pending', approvals: [{ username: 'omar' }] });
    expect((await approve('prod', other.token)).json.error).toBe('ERR_DEPLOY_ALREADY_APPROVED');
    const toProd = await promote('prod', maint.token);
    expect(toProd.json).toMatchObject({ fromLevel: 'staging', toLevel: 'prod', status: 'promoted', actor: 'mona', approvals: [{ username: 'omar' }] });
    expect((await t.call('GET', `/api/v1/builds/${first.id}/artifacts`)).json.items[0].promotionLevel).toBe('prod');
    const history = (await t.call('GET', `${base}/promotions?digest=${digest}`)).json.items as api.Promotion[];
    expect(history.map((p) => [p.fromLevel, p.toLevel, p.actor])).toEqual([
      ['staging', 'prod', 'mona'],
      ['dev', 'staging', 'dana'],
      [null, 'dev', 'dana'],
    ]);

    // An artifact built on another branch reaches dev (no branch rule) but not staging.
    const feature = await t.call('POST', `${base}/builds`, { body: { ref: 'feature' } });
    await runNext(t, agent.token, { dist: [{ name: 'dist/a', content: 'feature build' }] });
    const featureDigest = (await t.call('GET', `/api/v1/builds/${feature.json.id}/artifacts`)).json.items[0].digest as string;
    expect((await t.call('POST', `${base}/promotions`, { body: { digest: featureDigest, to: 'dev' } })).status).toBe(201);
    expect((await t.call('POST', `${base}/promotions`, { body: { digest: featureDigest, to: 'staging' } })).json.error).toBe('ERR_DEPLOY_UNPROTECTED_BRANCH');
    // Protecting the branch lets it through; a failed build's artifact never passes.
    expect((await t.call('PUT', `${base}/delivery`, { body: { protectedBranches: ['main', 'feat*'] }, token: dev.token })).status).toBe(403);
    expect((await t.call('PUT', `${base}/delivery`, { body: { protectedBranches: ['main', 'feat*'] } })).json.protectedBranches).toEqual(['main', 'feat*']);
    expect((await t.call('POST', `${base}/promotions`, { body: { digest: featureDigest, to: 'staging' } })).status).toBe(201);
    const failing = await t.call('POST', `${base}/builds`, { body: {} });
    await runNext(t, agent.token, { dist: [{ name: 'dist/a', content: 'failed build' }] }, 'failure');
    const failedDigest = (await t.call('GET', `/api/v1/builds/${failing.json.id}/artifacts`)).json.items[0].digest as string;
    expect((await t.call('POST', `${base}/promotions`, { body: { digest: failedDigest, to: 'dev' } })).json.error).toBe('ERR_DEPLOY_BUILD_NOT_SUCCESSFUL');
    expect((await t.call('PUT', `${base}/delivery`, { body: { promotionLevels: [{ name: 'a' }, { name: 'a' }] } })).json.error).toBe('ERR_DEPLOY_SETTINGS_INVALID');
  });
});
