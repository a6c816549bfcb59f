import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransferClient } from '../artifacts/create-transfer-client.js';
import { uploadReports } from './upload-reports.js';

interface Received {
  url: URL;
  auth: string | undefined;
  type: string | undefined;
  xml: string;
}

describe('uploadReports', () => {
  const received: Received[] = [];
  let server: Server;
  let root: string;
  let serverUrl: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ritmo-reports-'));
    // A stand-in for the server's report endpoint: it stores what it got and refuses one file.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const xml = gunzipSync(Buffer.concat(chunks)).toString('utf8');
        received.push({ url, auth: req.headers.authorization, type: req.headers['content-type'], xml });
        res.setHeader('content-type', 'application/json');
        if (xml.includes('<!DOCTYPE')) {
          res.statusCode = 422;
          res.end(JSON.stringify({ error: 'ERR_REPORT_DTD_FORBIDDEN', message: 'no DTD', details: null, suggestions: [], timestamp: new Date().toISOString() }));
          return;
        }
        res.statusCode = 201;
        res.end(JSON.stringify({ path: url.searchParams.get('path'), tests: 3, passed: 2, failed: 1, skipped: 0 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('sends each matching file gzip-compressed with the job token and lease, and only warns on refusals', async () => {
    const workspace = join(root, 'ws');
    const tmpDir = join(root, 'tmp');
    mkdirSync(join(workspace, 'build/test-results'), { recursive: true });
    mkdirSync(tmpDir, { recursive: true });
    writeFileSync(join(workspace, 'build/test-results/TEST-a.xml'), '<testsuite name="a"><testcase name="x"/></testsuite>');
    writeFileSync(join(workspace, 'build/test-results/TEST-b.xml'), '<!DOCTYPE x><testsuite/>');
    writeFileSync(join(workspace, 'build/test-results/notes.txt'), 'not a report');
    const client = createTransferClient({ serverUrl, auth: { jobId: 'j_1', attempt: 2, leaseToken: 'lease-1', jobToken: 'ritmojob_t' } });
    const log: string[] = [];

    const stored = await uploadReports({ client, patterns: ['build/test-results/*.xml'], workspace, tmpDir, log: (l) => log.push(l) });

    expect(stored).toBe(1);
    expect(received.map((r) => [r.url.pathname, r.url.searchParams.get('path'), r.url.searchParams.get('attempt'), r.url.searchParams.get('leaseToken')])).toEqual([
      ['/api/v1/agent/jobs/j_1/reports/junit', 'build/test-results/TEST-a.xml', '2', 'lease-1'],
      ['/api/v1/agent/jobs/j_1/reports/junit', 'build/test-results/TEST-b.xml', '2', 'lease-1'],
    ]);
    expect(received[0]).toMatchObject({ auth: 'Bearer ritmojob_t', type: 'application/gzip', xml: '<testsuite name="a"><testcase name="x"/></testsuite>' });
    expect(log).toEqual([
      'ritmo: test report build/test-results/TEST-a.xml: 3 test(s), 2 passed, 1 failed, 0 skipped',
      'ritmo: warning: test report build/test-results/TEST-b.xml was not stored: ERR_REPORT_DTD_FORBIDDEN: no DTD',
    ]);

    const none: string[] = [];
    expect(await uploadReports({ client, patterns: ['nothing/*.xml'], workspace, tmpDir, log: (l) => none.push(l) })).toBe(0);
    expect(none).toEqual(['ritmo: warning: reports.junit matches no files (nothing/*.xml)']);
  });
});
