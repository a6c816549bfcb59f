import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createAllowList } from './create-allow-list.js';
import { createGuardedLookup } from './create-guarded-lookup.js';

type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

/** Runs the lookup the way a socket does, with `all` or without. */
function resolve(lookup: ReturnType<typeof createGuardedLookup>, host: string, all: boolean): Promise<Answer> {
  return new Promise((done) => {
    lookup(host, { all } as never, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => done({ error, address, ...(family === undefined ? {} : { family }) }));
  });
}

describe('createGuardedLookup', () => {
  it('fails a name that resolves to loopback, whether the socket asks for one address or all', async () => {
    const lookup = createGuardedLookup(createAllowList([]));
    for (const all of [false, true]) {
      const { error } = await resolve(lookup, 'localhost', all);
      expect(error).toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED', details: { host: 'localhost' } });
    }
  });

  it('hands the socket the checked addresses when they are allowed', async () => {
    const lookup = createGuardedLookup(createAllowList(['127.0.0.0/8', '::1/128']));
    const one = await resolve(lookup, 'localhost', false);
    expect(one.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(one.address);
    const every = await resolve(lookup, 'localhost', true);
    expect(every.error).toBeNull();
    expect((every.address as LookupAddress[]).length).toBeGreaterThan(0);
  });

  it('passes a resolver error through', async () => {
    const { error } = await resolve(createGuardedLookup(createAllowList([])), 'no-such-host.invalid', false);
    expect(error?.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});
