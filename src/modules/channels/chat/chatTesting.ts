import { SignJWT } from 'jose';
import type { ClientOptions } from 'ws';
import { FrameClient, type Frame } from '../../../platform/realtime/testClient.js';
import { CHAT_WS_PATH } from './index.js';

/** Test support for the chat channel: a socket per side, identity tokens, small waits. */
export const IDENTITY_SECRET = 'exchange-backend-shared-secret-for-widget-tests';

export const wsUrlOf = (baseUrl: string): string => baseUrl.replace(/^http/, 'ws') + CHAT_WS_PATH;

export function identityToken(claims: { sub?: string; email?: string; name?: string; locale?: string } = {}, opts: { secret?: string; expiresIn?: string | number } = {}): Promise<string> {
  let jwt = new SignJWT({ ...(claims.email ? { email: claims.email } : {}), ...(claims.name ? { name: claims.name } : {}), ...(claims.locale ? { locale: claims.locale } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200);
  if (claims.sub !== '') jwt = jwt.setSubject(claims.sub ?? `UID${Math.floor(Math.random() * 1e9)}`);
  jwt = jwt.setExpirationTime(opts.expiresIn ?? '1h');
  return jwt.sign(new TextEncoder().encode(opts.secret ?? IDENTITY_SECRET));
}

let counter = 0;
export const clientId = (): string => `c${Date.now().toString(36)}${(++counter).toString(36)}`;
export const visitorId = (): string => `visitor${Math.random().toString(36).slice(2, 12)}`;

export interface CustomerSocket {
  client: FrameClient;
  hello: Record<string, unknown>;
}

export async function customer(baseUrl: string, hello: Record<string, unknown> = {}, options: ClientOptions = {}): Promise<CustomerSocket> {
  const client = await FrameClient.connect(wsUrlOf(baseUrl), options);
  const ack = await client.request({ type: 'hello', visitorId: visitorId(), ...hello });
  return { client, hello: ack.data };
}

export async function startChat(client: FrameClient, body = 'My USDT deposit has not arrived', extra: Record<string, unknown> = {}) {
  const ack = await client.request({ type: 'chat.start', topic: 'deposit', locale: 'en', body, clientId: clientId(), ...extra });
  const chat = ack.data.chat as { chatId: string; ticketNumber: string; chatToken: string; state: string };
  return { chat, first: ack.data.message as { id: string } };
}

export const bodies = (frames: Frame[]): string[] => frames.map((f) => (f.message as { body: string }).body);
