import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecretKey } from './load-secret-key.js';

describe('loadSecretKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ritmo-secret-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('uses RITMO_SECRET_KEY when set and writes no key file', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    expect((await loadSecretKey({ secretKey: key.toString('base64'), dataDir: dir })).equals(key)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    await expect(loadSecretKey({ secretKey: 'too short', dataDir: dir })).rejects.toMatchObject({ code: 'ERR_SECRET_KEY_INVALID', message: expect.stringContaining('RITMO_SECRET_KEY') });
  });

  it('creates <data dir>/secret.key with mode 0600 on first start and reads the same key afterwards', async () => {
    const dir = join(tempDir(), 'nested');
    const first = await loadSecretKey({ secretKey: undefined, dataDir: dir });
    const path = join(dir, 'secret.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.toString('hex'));
    expect(readdirSync(dir)).toEqual(['secret.key']);
    expect((await loadSecretKey({ secretKey: undefined, dataDir: dir })).equals(first)).toBe(true);
  });

  it('gives servers starting at the same moment one key', async () => {
    const dir = tempDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey({ secretKey: undefined, dataDir: dir })));
    for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
    expect(readdirSync(dir)).toEqual(['secret.key']);
  });

  it('refuses a key file its group or others may access, and a malformed one', async () => {
    const dir = tempDir();
    const path = join(dir, 'secret.key');
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      chmodSync(path, mode);
      await expect(loadSecretKey({ secretKey: undefined, dataDir: dir })).rejects.toMatchObject({
        code: 'ERR_SECRET_KEY_FILE_PERMISSIONS',
        message: expect.stringContaining(path),
        suggestions: [`chmod 600 ${path}`],
      });
    }
    chmodSync(path, 0o400);
    expect(await loadSecretKey({ secretKey: undefined, dataDir: dir })).toHaveLength(32);
    chmodSync(path, 0o600);
    writeFileSync(path, 'not a key\n');
    await expect(loadSecretKey({ secretKey: undefined, dataDir: dir })).rejects.toMatchObject({ code: 'ERR_SECRET_KEY_INVALID', message: expect.stringContaining(path) });
  });
});
