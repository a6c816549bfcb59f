import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { RitmoError } from '@ritmo/shared';
import type { AllowList } from './create-allow-list.js';
import { isPrivateAddress } from './is-private-address.js';

/** ERR_SERVER_OUTBOUND_BLOCKED unless the address is public or allowed. */
export function checkOutboundAddress(host: string, address: string, allow: AllowList): void {
  if (isPrivateAddress(address) && !allow(address)) {
    const what = host === address ? address : `${host} resolves to ${address}, which`;
    throw new RitmoError('ERR_SERVER_OUTBOUND_BLOCKED', `${what} is a private or reserved address; RITMO_OUTBOUND_ALLOW can allow it`, {
      details: { host, address },
    });
  }
}

/**
 * A `lookup` for sockets that resolves the host and fails when ANY of its addresses is private and not
 * allowed. The socket connects to the addresses this returns, so a DNS answer that changes between the
 * check and the connection cannot slip through.
 */
export function createGuardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      try {
        if (addresses.length === 0) throw new RitmoError('ERR_SERVER_OUTBOUND_BLOCKED', `${hostname} resolves to no address`, { details: { host: hostname } });
        for (const entry of addresses) checkOutboundAddress(hostname, entry.address, allow);
      } catch (e: unknown) {
        return callback(e as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
