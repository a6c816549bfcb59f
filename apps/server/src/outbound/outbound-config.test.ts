import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('outbound settings in the server configuration', () => {
  it('allows no private address by default', () => {
    expect(loadConfig({}).outboundAllow).toEqual([]);
  });

  it('reads RITMO_OUTBOUND_ALLOW as CIDRs and RITMO_OUTBOUND_ALLOW_PRIVATE as everything', () => {
    expect(loadConfig({ RITMO_OUTBOUND_ALLOW: '127.0.0.1/32, 10.0.0.0/8' }).outboundAllow).toEqual(['127.0.0.1/32', '10.0.0.0/8']);
    expect(loadConfig({ RITMO_OUTBOUND_ALLOW_PRIVATE: 'true' }).outboundAllow).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('names RITMO_OUTBOUND_ALLOW when an entry is not a CIDR', () => {
    expect(() => loadConfig({ RITMO_OUTBOUND_ALLOW: '10.0.0.0/8,intranet' })).toThrow(expect.objectContaining({ code: 'ERR_SERVER_CONFIG_INVALID', message: expect.stringContaining('RITMO_OUTBOUND_ALLOW') }));
  });
});
