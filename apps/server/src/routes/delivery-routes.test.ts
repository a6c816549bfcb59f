import { describe, expect, it } from 'vitest';
import type * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { githubPush } from '../hooks/testing/test-payloads.js';
import { githubHeaders, HOOK_SECRET } from '../hooks/testing/test-signing.js';
import { useTriggerTestServer } from '../hooks/testing/test-trigger-server.js';
import { ADMIN_TOKEN } from '../testing/test-server.js';

const PIPELINE = 'on: { push: {} }\njobs:\n  build:\n    steps:\n      - run: echo hi\n';

describe.each(STORE_KINDS)('deliveries API (%s)', (kind) => {
  const t = useTriggerTestServer(kind);

  async function setup() {
    const project = await t.project({ pipeline: PIPELINE });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    const body = JSON.stringify(githubPush({ ref: 'refs/heads/main', before: '1'.repeat(40), after: '2'.repeat(40), files: ['a'] }));
    const accepted = await t.call('POST', `/api/v1/hooks/github/${project}`, { token: null, payload: body, headers: githubHeaders('push', body) });
    const rejected = await t.call('POST', `/api/v1/hooks/github/${project}`, { token: null, payload: `${body} `, headers: githubHeaders('push', body) });
    return { project, body, accepted: accepted.json.delivery as string, rejected: rejected.json.details.delivery as string };
  }

  it('lists deliveries newest first with filters, and shows one with its exact body', async () => {
    const { project, body, accepted, rejected } = await setup();
    const all = (await t.call('GET', `/api/v1/projects/${project}/deliveries`)).json as api.Page<api.WebhookDelivery>;
    expect(all.items.map((d) => d.id)).toEqual([rejected, accepted]);
    const only = (await t.call('GET', `/api/v1/projects/${project}/deliveries?status=rejected`)).json.items as api.WebhookDelivery[];
    expect(only.map((d) => d.id)).toEqual([rejected]);
    const page = (await t.call('GET', `/api/v1/projects/${project}/deliveries?limit=1`)).json;
    expect(page.nextCursor).not.toBeNull();
    const next = (await t.call('GET', `/api/v1/projects/${project}/deliveries?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`)).json;
    expect(next.items.map((d: api.WebhookDelivery) => d.id)).toEqual([accepted]);
    const detail = (await t.call('GET', `/api/v1/deliveries/${accepted}`)).json as api.WebhookDeliveryDetail;
    expect(detail).toMatchObject({ status: 'accepted', verified: true, provider: 'github', event: 'push', body });
  });

  it('redelivers a verified delivery as a new record and build, and refuses to redeliver a rejected one', async () => {
    const { project, accepted, rejected } = await setup();
    const again = await t.call('POST', `/api/v1/deliveries/${accepted}/redeliver`, { body: {} });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ status: 'accepted', build: { number: 2 } });
    const copy = (await t.call('GET', `/api/v1/deliveries/${again.json.delivery}`)).json as api.WebhookDeliveryDetail;
    expect(copy).toMatchObject({ redeliveryOf: accepted, status: 'accepted', buildId: again.json.build.id });
    // Redelivering the copy redelivers the original.
    const third = await t.call('POST', `/api/v1/deliveries/${copy.id}/redeliver`, { body: {} });
    expect((await t.call('GET', `/api/v1/deliveries/${third.json.delivery}`)).json.redeliveryOf).toBe(accepted);
    const refused = await t.call('POST', `/api/v1/deliveries/${rejected}/redeliver`, { body: {} });
    expect([refused.status, refused.json.error]).toEqual([409, 'ERR_HOOK_NOT_REDELIVERABLE']);
    expect((await t.call('GET', `/api/v1/builds?project=${project}`)).json.items).toHaveLength(3);
  });

  it('lets maintainers read and redeliver, not developers', async () => {
    const { project, accepted } = await setup();
    const developer = await t.user(`dev-${kind}`, project, 'developer');
    const maintainer = await t.user(`maint-${kind}`, project, 'maintainer');
    expect((await t.call('GET', `/api/v1/projects/${project}/deliveries`, { token: developer })).status).toBe(403);
    expect((await t.call('POST', `/api/v1/deliveries/${accepted}/redeliver`, { token: developer, body: {} })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/deliveries/${accepted}`, { token: maintainer })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/deliveries/wd_unknown', { token: ADMIN_TOKEN })).json.error).toBe('ERR_HOOK_DELIVERY_NOT_FOUND');
  });

});
