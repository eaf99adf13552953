import type { ConnectorRow } from '../registry.js';
import { signatureHeadersFor } from '../../../../platform/http/signedRequests.js';

const CALLBACK_TIMEOUT_MS = 10_000;

/** The bridge answered or failed in a way that says whether trying again can help. */
export class CallbackFailed extends Error {
  constructor(
    message: string,
    /** false: the bridge refused it for good (a 4xx other than 408/429) — retrying sends the same refusal. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CallbackFailed';
  }
}

/**
 * POSTs one JSON body to the connector's callback URL, signed with its callback secret
 * (docs/connector.md). Resolves on 2xx; anything else throws CallbackFailed.
 */
export async function postCallback(connector: ConnectorRow, payload: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(payload);
  let response: Response;
  try {
    response = await fetch(connector.callback_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'LedgerDesk-Connector/1', 'x-ledgerdesk-connector': connector.name, ...signatureHeadersFor(connector.callback_secret, [body]) },
      body,
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    throw new CallbackFailed(`callback not reachable: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`, true);
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const text = (await response.text().catch(() => '')).slice(0, 200);
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new CallbackFailed(`callback answered ${response.status}${text ? `: ${text}` : ''}`, retryable);
}
