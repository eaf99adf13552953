import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../test/harness.js';

/**
 * Helpers shared by the tickets tests: build requests the way real clients send them
 * (JSON or multipart), with real file bytes.
 */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a Windows executable: "MZ", DOS stub, PE header offset. */
export const EXE_BYTES = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000', 'hex'), Buffer.alloc(200)]);
export const HTML_BYTES = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

export interface Part {
  name: string;
  value?: string;
  filename?: string;
  data?: Buffer;
  contentType?: string;
}

export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ldtest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (p.data) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename ?? 'file'}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const depositFields = {
  coin: 'USDT',
  network: 'TRC20',
  amount: '1250.50',
  txHash: 'a3f1c9e27b04d8f6e5a2b1c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b',
  address: 'TXk3pJmNd7sQ5YvW2rBh8LcF4gEaU9oZ1T',
};

export function ticketBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: 'USDT deposit not credited',
    body: 'I sent 1250.50 USDT over TRC20 two hours ago and it is not in my spot account yet.',
    category: 'deposit',
    fields: depositFields,
    customer: { externalId: `UID${randomBytes(5).toString('hex')}`, email: `t-${randomBytes(4).toString('hex')}@example.test` },
    ...overrides,
  };
}

/** Creates a ticket through the agent API and returns its JSON. */
export async function createTicket(t: TestApp, headers: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: ticketBody(overrides) });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; number: string; status: string; customer: { id: string } } & Record<string, unknown>;
}
