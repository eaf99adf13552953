#!/usr/bin/env node
// A LINE ⇄ LedgerDesk bridge in plain Node (no dependencies): the example of docs/connector.md.
//
//   LINE user ──webhook──▶ bridge ──signed event──▶ LedgerDesk  (POST /api/v1/channels/connectors/<name>/messages)
//   LINE user ◀──push──── bridge ◀─signed callback── LedgerDesk  (POST <callback URL>)
//
// Both hops are verified: LINE's X-Line-Signature with the channel secret, LedgerDesk's
// X-LD-Signature with the connector's callback secret. Run it with the environment
// variables listed in README.md, or import startBridge() (the project's test does).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const MAX_SKEW_SECONDS = 300;

const safeEqual = (a, b) => {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
};

/** LedgerDesk's signature: v1=<hex HMAC-SHA256 of "<timestamp>\n<raw body>">. */
export const ledgerdeskSignature = (secret, timestamp, body) => `v1=${createHmac('sha256', secret).update(`${timestamp}\n${body}`).digest('hex')}`;

/** LINE's signature: base64 HMAC-SHA256 of the raw body with the channel secret. */
export const lineSignature = (channelSecret, body) => createHmac('sha256', channelSecret).update(body).digest('base64');

function verifyLedgerDesk(headers, body, secret) {
  const timestamp = headers['x-ld-timestamp'];
  const signature = headers['x-ld-signature'];
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  return safeEqual(signature, ledgerdeskSignature(secret, timestamp, body));
}

const readBody = (request) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * Starts the bridge. `config`: ledgerdeskUrl, connectorName, inboundSecret, callbackSecret,
 * lineChannelSecret, lineAccessToken, lineApiRoot (default https://api.line.me), port, host.
 * Resolves with { url, close() }.
 */
export async function startBridge(config) {
  const lineApi = (config.lineApiRoot ?? 'https://api.line.me').replace(/\/$/, '');
  const line = (path, init = {}) => fetch(`${lineApi}${path}`, { ...init, headers: { authorization: `Bearer ${config.lineAccessToken}`, 'content-type': 'application/json', ...init.headers } });

  /** Signs and posts one event to LedgerDesk; throws unless it was accepted. */
  async function toLedgerDesk(event) {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = `${config.ledgerdeskUrl.replace(/\/$/, '')}/api/v1/channels/connectors/${config.connectorName}/messages`;
    const response = await fetch(url, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-ld-timestamp': timestamp, 'x-ld-signature': ledgerdeskSignature(config.inboundSecret, timestamp, body) },
    });
    if (response.status !== 202) throw new Error(`LedgerDesk answered ${response.status}: ${await response.text()}`);
  }

  /** One LINE webhook event → one LedgerDesk event (text, images inline, the "talk to a person" postback). */
  async function forward(e) {
    const userId = e.source?.userId;
    if (!userId || e.source.type !== 'user') return; // groups and rooms are not support conversations
    const profile = await line(`/v2/bot/profile/${encodeURIComponent(userId)}`).then((r) => (r.ok ? r.json() : {}));
    const base = { eventId: e.webhookEventId, userId, ...(profile.displayName ? { displayName: profile.displayName } : {}), ...(profile.language ? { locale: profile.language } : {}) };
    if (e.type === 'postback' && e.postback?.data === 'handover') return toLedgerDesk({ ...base, type: 'handover' });
    if (e.type !== 'message') return;
    if (e.message.type === 'text') return toLedgerDesk({ ...base, text: e.message.text });
    if (e.message.type === 'image') {
      const content = await line(`/v2/bot/message/${e.message.id}/content`);
      if (!content.ok) throw new Error(`LINE content answered ${content.status}`);
      return toLedgerDesk({ ...base, attachments: [{ filename: `line-${e.message.id}.jpg`, base64: Buffer.from(await content.arrayBuffer()).toString('base64') }] });
    }
  }

  /** A LedgerDesk callback → a LINE push message (quick replies for the bot's choices and "talk to a person"). */
  async function push(callback) {
    const text = callback.type !== 'message' ? callback.text : [callback.message.authorName ? `${callback.message.authorName}:` : null, callback.message.text, callback.message.article?.url].filter(Boolean).join('\n');
    const items = callback.type === 'message'
      ? [
          ...callback.message.choices.slice(0, 12).map((label) => ({ type: 'action', action: { type: 'message', label: label.slice(0, 20), text: label } })),
          ...(callback.message.handover ? [{ type: 'action', action: { type: 'postback', label: 'Talk to a person', data: 'handover', displayText: 'Talk to a person' } }] : []),
        ]
      : [];
    const message = { type: 'text', text: text.slice(0, 5000), ...(items.length ? { quickReply: { items } } : {}) };
    return line('/v2/bot/message/push', { method: 'POST', body: JSON.stringify({ to: callback.userId, messages: [message] }), headers: { 'x-line-retry-key': randomUUID() } });
  }

  const server = createServer(async (request, response) => {
    const answer = (status, body = {}) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    try {
      const body = await readBody(request);
      if (request.method === 'POST' && request.url === '/line/webhook') {
        if (!safeEqual(request.headers['x-line-signature'] ?? '', lineSignature(config.lineChannelSecret, body))) return answer(401, { error: 'bad LINE signature' });
        for (const e of JSON.parse(body).events ?? []) await forward(e);
        return answer(200);
      }
      if (request.method === 'POST' && request.url === '/ledgerdesk/callback') {
        if (!verifyLedgerDesk(request.headers, body, config.callbackSecret)) return answer(401, { error: 'bad LedgerDesk signature' });
        const pushed = await push(JSON.parse(body));
        // LINE refusing for good (4xx) is passed on as 400 so LedgerDesk marks it failed; anything else it retries.
        if (!pushed.ok) return answer(pushed.status >= 500 || pushed.status === 429 ? 502 : 400, { error: `LINE answered ${pushed.status}` });
        return answer(200);
      }
      return answer(404, { error: 'not found' });
    } catch (err) {
      // LedgerDesk or LINE unreachable: 502 asks the sender to try again later.
      console.error('bridge:', err);
      return answer(502, { error: String(err?.message ?? err) });
    }
  });
  await new Promise((resolve) => server.listen(config.port ?? 8787, config.host ?? '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://${config.host ?? '127.0.0.1'}:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = (name) => {
    const value = process.env[name];
    if (!value) throw new Error(`set ${name} (see README.md)`);
    return value;
  };
  const bridge = await startBridge({
    ledgerdeskUrl: env('LEDGERDESK_URL'), connectorName: process.env.CONNECTOR_NAME ?? 'line',
    inboundSecret: env('CONNECTOR_INBOUND_SECRET'), callbackSecret: env('CONNECTOR_CALLBACK_SECRET'),
    lineChannelSecret: env('LINE_CHANNEL_SECRET'), lineAccessToken: env('LINE_CHANNEL_ACCESS_TOKEN'),
    port: Number(process.env.PORT ?? 8787), host: process.env.HOST ?? '0.0.0.0',
  });
  console.log(`LINE bridge on ${bridge.url}: LINE webhook /line/webhook, LedgerDesk callback /ledgerdesk/callback`);
}
