import { BlockList, isIP } from 'node:net';
import { RitmoError } from '@ritmo/shared';

/** Whether an address is inside one of the allowed networks. */
export type AllowList = (address: string) => boolean;

/**
 * An allow-list from CIDRs (`127.0.0.1/32`, `10.0.0.0/8`, `fd00::/8`) or single addresses; throws
 * ERR_SERVER_CONFIG_INVALID on anything else. IPv4-mapped IPv6 addresses match their IPv4 networks.
 */
export function createAllowList(cidrs: readonly string[]): AllowList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = '', prefixText] = cidr.trim().split('/');
    const family = isIP(net);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (family === 0 || !/^\d+$/.test(prefixText ?? String(max)) || prefix > max) {
      throw new RitmoError('ERR_SERVER_CONFIG_INVALID', `not a CIDR: ${cidr}`, { details: { cidr } });
    }
    list.addSubnet(net, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
