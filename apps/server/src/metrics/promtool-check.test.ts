import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toError } from '@ritmo/shared';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

const available = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
// In CI the check is required (the Debian package `prometheus` is installed by .ci/run); elsewhere it
// runs when promtool is on PATH.
const required = process.env['CI'] === 'true';

/** `promtool check metrics` with `text` on stdin: its exit code and what it printed. */
function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  if (!available) throw new Error('promtool is not installed: apt-get install prometheus');
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (e: unknown) => reject(toError(e)));
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe.skipIf(!available && !required).each(STORE_KINDS)('promtool check metrics (%s)', (kind) => {
  const t = useTestServer(kind);

  it('accepts the real /metrics output, pool gauges included', async () => {
    await t.call('POST', '/api/v1/projects', { body: { name: 'prom', pipeline: 'jobs:\n  a:\n    runs-on: [linux]\n    steps:\n      - run: "true"\n' } });
    await t.call('POST', '/api/v1/projects/prom/builds', { body: {} });
    const res = await t.call('GET', '/metrics', { token: null });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^ritmo_db_pool_connections\{state="idle"\} \d+$/m);
    expect(res.text).toMatch(/^ritmo_db_pool_waiting_queries \d+$/m);
    if (kind === 'sqlite') expect(res.text).toMatch(/^ritmo_db_pool_connections\{state="busy"\} 0$/m);
    const result = await promtoolCheck(res.text);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('rejects output promtool finds fault with (so the check above can fail)', async () => {
    const bad = '# HELP ritmo_things Things.\n# TYPE ritmo_things counter\nritmo_things 1\nnot a metric line\n';
    const result = await promtoolCheck(bad);
    expect(result.code).not.toBe(0);
    expect(result.output).not.toBe('');
  });
});
