import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundFetch } from './create-outbound-fetch.js';

interface Local {
  server: Server;
  url: string;
  hits: string[];
}

/** A server on 127.0.0.1: `/redirect?to=URL` answers 302, everything else 200 "ok". */
async function startLocal(): Promise<Local> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
    if (to !== null) {
      res.writeHead(302, { location: to }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const post = () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(10_000) });

let local: Local;
beforeAll(async () => {
  local = await startLocal();
});
afterAll(() => new Promise<void>((resolve) => local.server.close(() => resolve())));

describe('createOutboundFetch', () => {
  it('refuses a literal private address by default, before any connection', async () => {
    local.hits.length = 0;
    await expect(createOutboundFetch()(`${local.url}/hook`, post())).rejects.toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED', details: { address: '127.0.0.1' } });
    expect(local.hits).toHaveLength(0);
  });

  it('refuses a host name that resolves to loopback (localhost)', async () => {
    local.hits.length = 0;
    const port = new URL(local.url).port;
    await expect(createOutboundFetch()(`http://localhost:${port}/hook`, post())).rejects.toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED', details: { host: 'localhost' } });
    expect(local.hits).toHaveLength(0);
  });

  it('calls a private address the allow-list covers, by address and by name', async () => {
    const outbound = createOutboundFetch({ allow: ['127.0.0.1/32', '::1/128'] });
    const answer = await outbound(`${local.url}/hook`, post());
    expect(answer).toMatchObject({ status: 200, ok: true, text: 'ok' });
    const port = new URL(local.url).port;
    expect((await outbound(`http://localhost:${port}/by-name`, post())).status).toBe(200);
  });

  it('checks every redirect hop: an allowed host cannot redirect to a blocked one', async () => {
    local.hits.length = 0;
    // The first hop (127.0.0.1) is allowed; the redirect goes to the metadata address, which is not.
    const outbound = createOutboundFetch({ allow: ['127.0.0.1/32'] });
    const to = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    await expect(outbound(`${local.url}/redirect?to=${to}`, post())).rejects.toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED', details: { address: '169.254.169.254' } });
    expect(local.hits).toEqual([`/redirect?to=${to}`]);
  });

  it('refuses a redirect to localhost from an allowed address', async () => {
    const outbound = createOutboundFetch({ allow: ['127.0.0.1/32'] });
    const port = new URL(local.url).port;
    const to = encodeURIComponent(`http://[::1]:${port}/`);
    await expect(outbound(`${local.url}/redirect?to=${to}`, post())).rejects.toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED' });
  });

  it('follows an allowed redirect and reports where the answer came from', async () => {
    const outbound = createOutboundFetch({ allow: ['127.0.0.1/32'] });
    const answer = await outbound(`${local.url}/redirect?to=${encodeURIComponent(`${local.url}/final`)}`, post());
    expect(answer).toMatchObject({ status: 200, url: `${local.url}/final` });
  });

  it('only calls http and https URLs', async () => {
    await expect(createOutboundFetch({ allow: ['0.0.0.0/0'] })('file:///etc/passwd', post())).rejects.toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED' });
  });

  it('rejects an allow-list entry that is not a CIDR', () => {
    expect(() => createOutboundFetch({ allow: ['10.0.0.0/33'] })).toThrow(expect.objectContaining({ code: 'ERR_SERVER_CONFIG_INVALID' }));
    expect(() => createOutboundFetch({ allow: ['example.com'] })).toThrow(expect.objectContaining({ code: 'ERR_SERVER_CONFIG_INVALID' }));
  });
});
