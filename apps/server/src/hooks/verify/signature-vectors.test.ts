import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHookProviders } from '../providers/hook-providers.js';
import type { HookProvider, ProviderName } from '../providers/hook-provider.js';

interface Vector {
  provider: string;
  source: string;
  secret: string;
  body?: string;
  body_file?: string;
  body_sha256?: string;
  headers: Record<string, string>;
}

const testdata = join(import.meta.dirname, '..', 'testdata');
const vectors = (JSON.parse(readFileSync(join(testdata, 'signature-vectors.json'), 'utf8')) as { vectors: Vector[] }).vectors;
const providers = createHookProviders();

function providerOf(v: Vector): HookProvider {
  const name = (v.provider.startsWith('gitlab') ? 'gitlab' : v.provider) as ProviderName;
  return providers.get(name) as HookProvider;
}

function bodyOf(v: Vector): Buffer {
  return v.body_file ? readFileSync(join(testdata, v.body_file)) : Buffer.from(v.body ?? '', 'utf8');
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, val]) => [k.toLowerCase(), val]));
}

/** The Standard Webhooks vector is signed at this instant; verification checks the timestamp against the clock. */
const nowOf = (v: Vector): number => (v.headers['webhook-timestamp'] ? Number(v.headers['webhook-timestamp']) * 1000 : Date.now());

describe('published and derived signature vectors', () => {
  it.each(vectors.map((v) => [`${v.provider} (${v.source})`, v] as const))('%s verifies, and a flipped byte does not', (_name, v) => {
    const body = bodyOf(v);
    if (v.body_sha256) expect(createHash('sha256').update(body).digest('hex')).toBe(v.body_sha256);
    const provider = providerOf(v);
    const input = { headers: lower(v.headers), body, secret: v.secret, now: nowOf(v) };
    expect(() => provider.verify(input)).not.toThrow();

    // GitLab's classic token is sent verbatim and covers no body bytes; every other scheme signs the body.
    if (!('x-gitlab-token' in input.headers)) {
      const flipped = Buffer.from(body);
      flipped[flipped.length >> 1] = (flipped[flipped.length >> 1] as number) ^ 0x01;
      expect(() => provider.verify({ ...input, body: flipped })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_INVALID' }));
    }
    expect(() => provider.verify({ ...input, secret: tamper(v.secret) })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_INVALID' }));
  });

  it('rejects a GitHub signature with a flipped digit, a wrong length, no header, or SHA-1 only', () => {
    const v = vectors.find((x) => x.provider === 'github') as Vector;
    const body = bodyOf(v);
    const good = v.headers['X-Hub-Signature-256'] as string;
    const last = good.at(-1) === '0' ? '1' : '0';
    const attempt = (headers: Record<string, string>) => () => githubVerify(headers, body, v.secret);
    expect(attempt({ 'x-hub-signature-256': good.slice(0, -1) + last })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_INVALID' }));
    expect(attempt({ 'x-hub-signature-256': good.slice(0, -2) })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_INVALID' }));
    expect(attempt({ 'x-hub-signature-256': good.replace('sha256=', 'sha1=') })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_INVALID' }));
    expect(attempt({})).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_MISSING' }));
    expect(attempt({ 'x-hub-signature': 'sha1=6749fbe9aa281fe6e7e390c948f0a90c028995bb' })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_MISSING' }));
    expect(attempt({ 'x-hub-signature-256': good.toUpperCase().replace('SHA256=', 'sha256=') })).not.toThrow();
  });

  it('rejects the Gitea body re-serialized with other whitespace, and a signature sent in the wrong header', () => {
    const v = vectors.find((x) => x.provider === 'gitea') as Vector;
    const gitea = providers.get('gitea') as HookProvider;
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(bodyOf(v).toString('utf8'))));
    const headers = lower(v.headers);
    expect(() => gitea.verify({ headers, body: reserialized, secret: v.secret, now: 0 })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_INVALID' }));
    // Gitea's signature under GitHub's header name only: the Gitea endpoint does not read it.
    const wrong = { 'x-hub-signature-256': headers['x-hub-signature-256'] as string };
    expect(() => gitea.verify({ headers: wrong, body: bodyOf(v), secret: v.secret, now: 0 })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_MISSING' }));
    // Gitea sends empty signature headers when the hook has no secret.
    expect(() => gitea.verify({ headers: { 'x-gitea-signature': '' }, body: bodyOf(v), secret: v.secret, now: 0 })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_MISSING' }));
  });

  it('rejects a Standard Webhooks signature whose timestamp is stale, and a GitLab token that differs', () => {
    const v = vectors.find((x) => x.source.startsWith('standard-webhooks')) as Vector;
    const gitlab = providers.get('gitlab') as HookProvider;
    const input = { headers: lower(v.headers), body: bodyOf(v), secret: v.secret };
    expect(() => gitlab.verify({ ...input, now: nowOf(v) + 10 * 60_000 })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_TIMESTAMP_STALE' }));
    const token = vectors.find((x) => x.provider === 'gitlab') as Vector;
    const headers = { 'x-gitlab-token': `${token.secret} ` };
    expect(() => gitlab.verify({ headers, body: bodyOf(token), secret: token.secret, now: 0 })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_INVALID' }));
    expect(() => gitlab.verify({ headers: {}, body: bodyOf(token), secret: token.secret, now: 0 })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_SIGNATURE_MISSING' }));
  });
});

/** The secret with its middle character changed (appending would not change a base64 `whsec_` key). */
function tamper(secret: string): string {
  const i = secret.length >> 1;
  return secret.slice(0, i) + (secret[i] === 'A' ? 'B' : 'A') + secret.slice(i + 1);
}

function githubVerify(headers: Record<string, string>, body: Buffer, secret: string): void {
  (providers.get('github') as HookProvider).verify({ headers, body, secret, now: 0 });
}
