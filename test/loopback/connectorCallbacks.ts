import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature } from '../../src/platform/http/signedRequests.js';

/**
 * A loopback bridge endpoint for the generic connector's tests: it records every callback the
 * desk POSTs, checks its signature against the callback secret it is given, and can be told to
 * answer with an error status, or stop listening altogether (the bridge is down).
 */
export interface RecordedCallback {
  body: Record<string, unknown>;
  signatureValid: boolean;
  headers: Record<string, string | string[] | undefined>;
}

export interface CallbackRecorder {
  url: string;
  received: RecordedCallback[];
  /** The secret signatures are checked with (set once the connector exists). */
  secret: string;
  /** Answer the next callbacks with this status instead of 200 (null: 200 again). */
  answerWith: number | null;
  stop(): Promise<void>;
  /** Starts listening again on the same port. */
  restart(): Promise<void>;
}

export async function startCallbackRecorder(): Promise<CallbackRecorder> {
  let server: Server;
  const recorder: CallbackRecorder = {
    url: '', received: [], secret: '', answerWith: null,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
    restart: () => listen(Number(new URL(recorder.url).port)),
  };
  const listen = (port: number) =>
    new Promise<void>((resolve) => {
      server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (c: Buffer) => chunks.push(c));
        request.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          recorder.received.push({ body: JSON.parse(raw) as Record<string, unknown>, signatureValid: checkSignature(request.headers, recorder.secret, [raw]).ok, headers: request.headers });
          response.writeHead(recorder.answerWith ?? 200, { 'content-type': 'application/json' }).end(recorder.answerWith ? '{"error":"refused by the test"}' : '{"ok":true}');
        });
      });
      server.listen(port, '127.0.0.1', () => {
        recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ledgerdesk/callback`;
        resolve();
      });
    });
  await listen(0);
  return recorder;
}
