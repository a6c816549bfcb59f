import { describe, expect, it } from 'vitest';
import type * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { githubPush } from './testing/test-payloads.js';
import { githubHeaders, hmacHex, HOOK_SECRET } from './testing/test-signing.js';
import { useTriggerTestServer } from './testing/test-trigger-server.js';

const PIPELINE = 'on: { push: {} }\njobs:\n  build:\n    steps:\n      - run: echo hi\n';
const LIMIT = 64 * 1024;

describe.each(STORE_KINDS)('webhook deliveries that start nothing (%s)', (kind) => {
  const t = useTriggerTestServer(kind, { env: { RITMO_WEBHOOK_BODY_LIMIT: String(LIMIT) } });
  const sha = 'a'.repeat(40);
  const body = JSON.stringify(githubPush({ ref: 'refs/heads/main', before: 'b'.repeat(40), after: sha, files: ['x'] }));
  const flip = (s: string, at: number): string => s.slice(0, at) + (s[at] === '0' ? '1' : '0') + s.slice(at + 1);

  it('refuses every forged, malformed or replayed delivery with the right status, and records each', async () => {
    const project = await t.project({ pipeline: PIPELINE });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    const send = (payload: string | Buffer, headers: Record<string, string>) => t.call('POST', `/api/v1/hooks/github/${project}`, { token: null, payload, headers });
    const good = githubHeaders('push', body);
    const signature = good['x-hub-signature-256'] as string;
    const { 'x-hub-signature-256': _omit, ...unsigned } = good;
    const bodyFlipped = body.replace('"ref":"refs/heads/main"', '"ref":"refs/heads/maim"');
    const huge = JSON.stringify({ ...JSON.parse(body), padding: 'x'.repeat(LIMIT) });
    const malformed = '{"ref": "refs/heads/main",';
    const cases: [string, string | Buffer, Record<string, string>, number, string][] = [
      ['a flipped byte in the body', bodyFlipped, good, 401, 'ERR_HOOK_SIGNATURE_INVALID'],
      ['a flipped digit in the signature', body, { ...good, 'x-hub-signature-256': flip(signature, signature.length - 1) }, 401, 'ERR_HOOK_SIGNATURE_INVALID'],
      ['a wrong-length signature', body, { ...good, 'x-hub-signature-256': signature.slice(0, -2) }, 401, 'ERR_HOOK_SIGNATURE_INVALID'],
      ['no signature header', body, unsigned, 401, 'ERR_HOOK_SIGNATURE_MISSING'],
      ['a SHA-1 signature only', body, { ...unsigned, 'x-hub-signature': 'sha1=6749fbe9aa281fe6e7e390c948f0a90c028995bb' }, 401, 'ERR_HOOK_SIGNATURE_MISSING'],
      ['the signature in another forge’s header', body, { ...unsigned, 'x-gitea-signature': hmacHex(body) }, 401, 'ERR_HOOK_SIGNATURE_MISSING'],
      ['the same JSON re-serialized with other whitespace', JSON.stringify(JSON.parse(body), null, 2), good, 401, 'ERR_HOOK_SIGNATURE_INVALID'],
      ['a body over the limit', huge, githubHeaders('push', huge), 413, 'ERR_HOOK_BODY_TOO_LARGE'],
      ['malformed JSON, validly signed', malformed, githubHeaders('push', malformed), 400, 'ERR_HOOK_MALFORMED_PAYLOAD'],
      ['an unknown event, validly signed', body, githubHeaders('pushed', body), 400, 'ERR_HOOK_UNSUPPORTED_EVENT'],
      ['no event header', body, { ...githubHeaders('push', body), 'x-github-event': '' }, 400, 'ERR_HOOK_UNSUPPORTED_EVENT'],
    ];
    for (const [what, payload, headers, status, code] of cases) {
      const res = await send(payload, headers);
      expect([what, res.status, res.json?.error]).toEqual([what, status, code]);
      expect(res.json.details.delivery, what).toMatch(/^wd_/);
    }
    // The genuine delivery, then the same delivery id again.
    expect((await send(body, good)).status).toBe(202);
    const replay = await send(body, good);
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ status: 'duplicate', build: null });

    expect((await t.call('GET', `/api/v1/builds?project=${project}`)).json.items).toHaveLength(1);
    const recorded = (await t.call('GET', `/api/v1/projects/${project}/deliveries?limit=200`)).json.items as api.WebhookDelivery[];
    expect(recorded).toHaveLength(cases.length + 2);
    const rejected = recorded.filter((d) => d.status === 'rejected');
    expect(rejected.map((d) => d.httpStatus).sort()).toEqual(cases.map((c) => c[3]).sort());
    expect(rejected.every((d) => !d.verified && d.buildId === null)).toBe(true);
    // Signatures are never stored, even those sent to the wrong endpoint.
    expect(rejected.every((d) => !Object.values(d.headers).includes(signature) && !Object.values(d.headers).includes(hmacHex(body)))).toBe(true);
    const tooLarge = rejected.find((d) => d.httpStatus === 413);
    expect(tooLarge?.result).toMatch(/^ERR_HOOK_BODY_TOO_LARGE/);
    expect((await t.call('GET', `/api/v1/deliveries/${tooLarge?.id}`)).json.body).toBeNull();
  });

  it('fails closed: a project with no webhook secret refuses even a well-signed delivery', async () => {
    const project = await t.project({ pipeline: PIPELINE });
    const res = await t.call('POST', `/api/v1/hooks/github/${project}`, { token: null, payload: body, headers: githubHeaders('push', body) });
    expect(res.status).toBe(403);
    expect(res.json.error).toBe('ERR_HOOK_NOT_CONFIGURED');
    expect((await t.call('GET', `/api/v1/builds?project=${project}`)).json.items).toHaveLength(0);
    const [recorded] = (await t.call('GET', `/api/v1/projects/${project}/deliveries`)).json.items as api.WebhookDelivery[];
    expect(recorded).toMatchObject({ status: 'rejected', httpStatus: 403 });
  });

  it('answers 404 for an unknown provider or project, without recording anything', async () => {
    const project = await t.project({ pipeline: PIPELINE });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    const unknownProvider = await t.call('POST', `/api/v1/hooks/bitbucket/${project}`, { token: null, payload: body, headers: githubHeaders('push', body) });
    expect([unknownProvider.status, unknownProvider.json.error]).toEqual([404, 'ERR_HOOK_UNKNOWN_PROVIDER']);
    const unknownProject = await t.call('POST', '/api/v1/hooks/github/no-such-project', { token: null, payload: body, headers: githubHeaders('push', body) });
    expect([unknownProject.status, unknownProject.json.error]).toEqual([404, 'ERR_API_PROJECT_NOT_FOUND']);
    expect((await t.call('GET', `/api/v1/projects/${project}/deliveries`)).json.items).toHaveLength(0);
  });
});
