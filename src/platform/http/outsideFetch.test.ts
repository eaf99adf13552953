import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { isInwardAddress, outsideFetch, OutsideUrlRefused } from './outsideFetch.js';

describe('fetching a URL an outside party gave us', () => {
  it('knows the inward addresses: loopback, private, link-local (cloud metadata), shared, multicast, unspecified, IPv4-mapped', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) {
      assert.equal(isInwardAddress(a), true, a);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isInwardAddress(a), false, a);
  });

  it('refuses loopback hosts (by address and by name) unless allowed, and never follows a redirect', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/moved') response.writeHead(302, { location: '/file' }).end();
      else response.writeHead(200, { 'content-type': 'text/plain' }).end('inside');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await assert.rejects(outsideFetch(`http://127.0.0.1:${port}/file`), OutsideUrlRefused);
      await assert.rejects(outsideFetch(`http://localhost:${port}/file`), OutsideUrlRefused);
      await assert.rejects(outsideFetch(`http://[::1]:${port}/file`), OutsideUrlRefused);
      assert.equal(await (await outsideFetch(`http://127.0.0.1:${port}/file`, { allowPrivate: true })).text(), 'inside');
      await assert.rejects(outsideFetch(`http://127.0.0.1:${port}/moved`, { allowPrivate: true }), TypeError);
    } finally {
      server.close();
    }
  });
});
