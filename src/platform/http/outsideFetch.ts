import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Fetching a URL that someone outside gave us (a connector bridge's attachment link) must not
 * become a way into the network LedgerDesk runs in — the cloud metadata address, an admin port
 * on loopback, a database on the private LAN (server-side request forgery). Such a URL is
 * refused unless its host resolves only to public addresses; redirects are refused too, since
 * a public URL could redirect inward. Installations whose bridges serve files from their own
 * network opt in with `allowPrivate`. (A name could still resolve differently between this check
 * and the connection; links from signed bridges make that the remaining, accepted risk.)
 */
const inward = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  inward.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) inward.addSubnet(net, bits, 'ipv6');

export class OutsideUrlRefused extends Error {}

/** Whether `address` (an IP literal) is inside: loopback, private, link-local, shared, multicast or unspecified. */
export function isInwardAddress(address: string): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged by its IPv4 part.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? inward.check(mapped, 'ipv4') : inward.check(address, family);
}

export async function outsideFetch(url: string, init: RequestInit & { allowPrivate?: boolean } = {}): Promise<Response> {
  const { allowPrivate = false, ...rest } = init;
  if (!allowPrivate) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    if (addresses.length === 0 || addresses.some(isInwardAddress)) throw new OutsideUrlRefused(`${host} is not a public address`);
  }
  return fetch(url, { ...rest, redirect: 'error' });
}
