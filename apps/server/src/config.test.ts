import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, publicUrl: 'http://127.0.0.1:8080', sessionTtlMs: 7 * 86_400_000 });
    expect(c.dataDir.endsWith('.ritmo')).toBe(true);
    expect(c.limits.bodyBytes).toBe(2 * 1024 * 1024);
  });

  it('reads RITMO_* variables and ignores empty ones', () => {
    const c = loadConfig({ RITMO_PORT: '9000', RITMO_HOST: '0.0.0.0', RITMO_DATABASE_URL: 'postgres://u@h/db', RITMO_PUBLIC_URL: 'https://ci.example.com/', RITMO_SESSION_TTL: '', OTHER: 'x' });
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', databaseUrl: 'postgres://u@h/db', publicUrl: 'https://ci.example.com' });
  });

  it('names every invalid variable', () => {
    try {
      loadConfig({ RITMO_PORT: 'eighty', RITMO_DATABASE_URL: 'mysql://x', RITMO_ADMIN_TOKEN: 'short' });
      expect.unreachable();
    } catch (e: unknown) {
      expect(e).toMatchObject({ code: 'ERR_SERVER_CONFIG_INVALID' });
      const message = (e as Error).message;
      for (const name of ['RITMO_PORT', 'RITMO_DATABASE_URL', 'RITMO_ADMIN_TOKEN']) expect(message).toContain(name);
    }
  });

  it('accepts RITMO_SECRET_KEY as 32 bytes of hex or base64 only, naming the variable otherwise', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ RITMO_SECRET_KEY: hex }).secretKey).toBe(hex);
    expect(loadConfig({ RITMO_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }).secretKey).toBeDefined();
    for (const bad of ['ab'.repeat(31), 'correct horse battery staple correct horse', Buffer.alloc(24).toString('base64')]) {
      expect(() => loadConfig({ RITMO_SECRET_KEY: bad })).toThrow(/RITMO_SECRET_KEY: must be 32 bytes/);
    }
  });
});
