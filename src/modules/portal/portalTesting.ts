import type { LightMyRequestResponse } from 'fastify';
import type { FastifyInstance } from 'fastify';

/**
 * Helpers for the portal's HTTP tests (in-process and browser): build the multipart bodies a
 * browser would send and pick tokens out of rendered pages. Test support only.
 */

/** A real 1×1 PNG, so the attachment sniffer sees genuine image bytes. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface UploadPart {
  field: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** Encodes fields and files exactly as a browser's multipart/form-data submission. */
export async function multipart(fields: Record<string, string>, files: UploadPart[] = []): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.data)], { type: f.type }), f.filename);
  const request = new Request('http://portal.test/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies as { name: string; value: string }[]) out[c.name] = c.value;
  return out;
}

export function hiddenCsrf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1]!;
}

/** Opens the new-request form as a browser would: returns its CSRF field and the cookies to send back. */
export async function openTicketForm(http: FastifyInstance, cookies: Record<string, string> = {}, query = '') {
  const res = await http.inject({ method: 'GET', url: `/tickets/new${query}`, cookies });
  return { csrf: hiddenCsrf(res.body), cookies: { ...cookies, ...cookiesOf(res) }, html: res.body };
}

/** A deposit request that passes every check of the tickets module. */
export const validDeposit = {
  category: 'deposit',
  'fields.coin': 'USDT',
  'fields.network': 'TRC20',
  'fields.amount': '150.25',
  'fields.txHash': 'a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060504',
  'fields.address': 'TQ5r8mB2kL9vX3nZ7pW1yH4cJ6dF8gS0aE',
  'fields.memo': '',
  subject: 'USDT deposit via TRC20 not credited',
  description: 'I sent 150.25 USDT two hours ago and it is still not in my account.',
  locale: 'en',
};
