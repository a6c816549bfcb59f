import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './is-private-address.js';

const blocked = [
  '0.0.0.0',
  '0.1.2.3',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.0',
  '100.127.255.255',
  '127.0.0.1',
  '127.255.255.255',
  '169.254.169.254',
  '172.16.0.0',
  '172.31.255.255',
  '192.168.1.1',
  '192.0.2.10',
  '198.18.0.1',
  '224.0.0.1',
  '239.255.255.250',
  '240.0.0.1',
  '255.255.255.255',
  '::',
  '::1',
  'fc00::1',
  'fd12:3456:789a::1',
  'fe80::1',
  'ff02::1',
  '2001:db8::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:10.1.2.3',
  '::ffff:169.254.169.254',
  '::FFFF:192.168.0.1',
  '64:ff9b::a9fe:a9fe',
  'not-an-ip',
  '',
];

const allowed = ['1.1.1.1', '8.8.8.8', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '126.255.255.255', '128.0.0.1', '169.253.255.255', '192.169.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '::ffff:808:808'];

describe('isPrivateAddress', () => {
  it.each(blocked)('blocks %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(allowed)('lets %s through', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});
