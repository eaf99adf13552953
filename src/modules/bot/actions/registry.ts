import type { Logger } from 'pino';
import { checkTxHash } from './chains.js';

/**
 * Named actions a flow step can call (`type: action`, `action: chain.checkTxHash`). A module
 * that can look something up registers a function under a dotted name — the exchange adapter
 * (issue 6) adds `exchange.depositByTxHash` and friends — and flows refer to it by that name, so
 * admins compose flows from what the installation can really do.
 */
export interface ActionInput {
  /** The step's `input`, its `{field}` placeholders filled from the answers so far. */
  params: Readonly<Record<string, string>>;
  /** Every answer collected so far. */
  fields: Readonly<Record<string, string>>;
  locale: string;
  ticketId: string;
  customerId: string;
}

export interface ActionResult {
  /** Picks the step's `outcomes[outcome]`, else its `default`. */
  outcome: string;
  /** Stored beside the answers (placeholders in later steps, ticket fields on handover). */
  fields?: Record<string, string>;
}

export type BotAction = (input: ActionInput) => Promise<ActionResult>;

/** The action could not run (unknown name, threw, took too long): the flow hands over to a person. */
export interface ActionFailure {
  failed: true;
  reason: 'unknown_action' | 'error' | 'timeout';
}

const TIMEOUT_MS = 8_000;

export class ActionRegistry {
  private readonly actions = new Map<string, BotAction>();

  constructor(private readonly log: Logger) {}

  register(name: string, action: BotAction): void {
    this.actions.set(name, action);
  }

  has(name: string): boolean {
    return this.actions.has(name);
  }

  names(): string[] {
    return [...this.actions.keys()].sort();
  }

  async run(name: string, input: ActionInput): Promise<ActionResult | ActionFailure> {
    const action = this.actions.get(name);
    if (!action) {
      this.log.warn({ action: name, ticketId: input.ticketId }, 'flow calls an action nobody registered; handing over');
      return { failed: true, reason: 'unknown_action' };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ActionFailure>((resolve) => {
      timer = setTimeout(() => resolve({ failed: true, reason: 'timeout' }), TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([action(input), timeout]);
      if ('failed' in result) this.log.warn({ action: name, ticketId: input.ticketId }, 'flow action timed out; handing over');
      return result;
    } catch (err) {
      this.log.warn({ err, action: name, ticketId: input.ticketId }, 'flow action failed; handing over');
      return { failed: true, reason: 'error' };
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * `chain.checkTxHash` {network, txHash}: needs no exchange. Outcomes `ok`, `memo_network`,
 * `wrong_network`, `unknown_network`, `invalid`; sets `network` (canonical), `networkName`,
 * `txHash` (normalised), `explorerUrl`, `confirmations` (when known) or `looksLike`.
 */
export const checkTxHashAction: BotAction = async ({ params }): Promise<ActionResult> => {
  const check = checkTxHash(params.network ?? '', params.txHash ?? '');
  switch (check.outcome) {
    case 'invalid':
      return { outcome: 'invalid' };
    case 'unknown_network':
      return { outcome: 'unknown_network', fields: { txHash: check.txHash } };
    case 'wrong_network':
      return {
        outcome: 'wrong_network',
        fields: { network: check.network.id, networkName: check.network.name, txHash: check.txHash, looksLike: check.looksLike },
      };
    default:
      return {
        outcome: check.outcome,
        fields: {
          network: check.network.id,
          networkName: check.network.name,
          txHash: check.txHash,
          explorerUrl: check.explorerUrl,
          ...(check.network.confirmations ? { confirmations: String(check.network.confirmations) } : {}),
        },
      };
  }
};

export function builtInActions(log: Logger): ActionRegistry {
  const registry = new ActionRegistry(log);
  registry.register('chain.checkTxHash', checkTxHashAction);
  return registry;
}
