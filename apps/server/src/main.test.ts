import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '..', 'dist', 'main.js');

/** The built entry point (`npm test` builds first): first start, serving, and a clean exit on SIGTERM. */
describe('node apps/server/dist/main.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ritmo-main-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the admin, prints the login once, serves, and exits 0 on SIGTERM', async () => {
    const token = 'ritmo_main_test_token_abcdefghijkl';
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, RITMO_PORT: '0', RITMO_DATA_DIR: dir, RITMO_ADMIN_TOKEN: token, RITMO_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /running at (http:\/\/\S+)/.exec(out);
          if (m?.[1] && out.includes('API token')) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      expect(out).toContain('admin login: admin');
      expect(out).toContain(token);
      expect(await (await fetch(`${url}/readyz`)).text()).toBe('ready\n');
      const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await me.json()) as { username: string }).username).toBe('admin');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
