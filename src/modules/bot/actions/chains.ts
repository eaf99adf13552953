/**
 * What the bot knows about blockchains without asking anyone: the networks exchanges list for
 * deposits, the shape of their transaction ids, which need a memo/tag, and where a customer
 * can look a transaction up. Used by the `chain.checkTxHash` flow action.
 */
type TxShape = 'evm' | 'hex64' | 'base58';

export interface Network {
  /** The canonical name (what ticket fields store), as exchanges label it. */
  id: string;
  name: string;
  aliases: string[];
  shape: TxShape;
  /** Shared deposit address told apart by a memo / tag / comment. */
  memo: boolean;
  explorer: string;
  /** Example requirement from the help-center article "How many confirmations…"; absent when it does not say. */
  confirmations?: number;
}

const n = (id: string, name: string, shape: TxShape, explorer: string, aliases: string[], extra: Partial<Network> = {}): Network => ({
  id, name, shape, explorer, aliases, memo: false, ...extra,
});

export const networks: readonly Network[] = [
  n('TRC20', 'Tron (TRC20)', 'hex64', 'https://tronscan.org/#/transaction/{tx}', ['TRON', 'TRX', 'TRC'], { confirmations: 20 }),
  n('ERC20', 'Ethereum (ERC20)', 'evm', 'https://etherscan.io/tx/{tx}', ['ETH', 'ETHEREUM', 'ERC'], { confirmations: 12 }),
  n('BEP20', 'BNB Smart Chain (BEP20)', 'evm', 'https://bscscan.com/tx/{tx}', ['BSC', 'BNB', 'BEP', 'BNBSMARTCHAIN', 'BINANCESMARTCHAIN'], { confirmations: 15 }),
  n('BTC', 'Bitcoin', 'hex64', 'https://mempool.space/tx/{tx}', ['BITCOIN'], { confirmations: 2 }),
  n('SOL', 'Solana', 'base58', 'https://solscan.io/tx/{tx}', ['SOLANA', 'SPL'], { confirmations: 1 }),
  n('POLYGON', 'Polygon', 'evm', 'https://polygonscan.com/tx/{tx}', ['MATIC', 'POL', 'POLYGONPOS']),
  n('ARBITRUM', 'Arbitrum One', 'evm', 'https://arbiscan.io/tx/{tx}', ['ARB', 'ARBITRUMONE', 'ARBONE']),
  n('OPTIMISM', 'Optimism', 'evm', 'https://optimistic.etherscan.io/tx/{tx}', ['OP', 'OPTIMISMMAINNET']),
  n('BASE', 'Base', 'evm', 'https://basescan.org/tx/{tx}', []),
  n('AVAXC', 'Avalanche C-Chain', 'evm', 'https://snowtrace.io/tx/{tx}', ['AVAX', 'AVALANCHE', 'AVAXCCHAIN', 'CCHAIN']),
  n('LTC', 'Litecoin', 'hex64', 'https://blockchair.com/litecoin/transaction/{tx}', ['LITECOIN']),
  n('DOGE', 'Dogecoin', 'hex64', 'https://blockchair.com/dogecoin/transaction/{tx}', ['DOGECOIN']),
  n('XRP', 'XRP Ledger', 'hex64', 'https://livenet.xrpl.org/transactions/{tx}', ['RIPPLE', 'XRPL'], { memo: true, confirmations: 1 }),
  n('XLM', 'Stellar', 'hex64', 'https://stellar.expert/explorer/public/tx/{tx}', ['STELLAR'], { memo: true }),
  n('EOS', 'EOS', 'hex64', 'https://bloks.io/transaction/{tx}', [], { memo: true }),
  n('TON', 'TON', 'hex64', 'https://tonviewer.com/transaction/{tx}', ['TONCOIN'], { memo: true }),
  n('ATOM', 'Cosmos Hub', 'hex64', 'https://www.mintscan.io/cosmos/tx/{tx}', ['COSMOS'], { memo: true }),
];

const key = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
const byKey = new Map<string, Network>();
for (const net of networks) for (const k of [net.id, ...net.aliases]) byKey.set(key(k), net);

/** "trc-20", "Tron", "bsc" → the network; null when we do not know it. */
export function findNetwork(input: string): Network | null {
  return byKey.get(key(input)) ?? null;
}

const EVM_TX = /^0x[0-9a-fA-F]{64}$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{43,88}$/;

function shapeOf(tx: string): TxShape | null {
  if (EVM_TX.test(tx)) return 'evm';
  if (HEX64.test(tx)) return 'hex64';
  if (BASE58.test(tx)) return 'base58';
  return null;
}

const shapeNetworks: Record<TxShape, string> = {
  evm: 'ERC20 / BEP20 / Polygon / Arbitrum / Base',
  hex64: 'TRC20 / BTC / LTC / XRP',
  base58: 'Solana',
};

export type TxCheck =
  | { outcome: 'ok' | 'memo_network'; network: Network; txHash: string; explorerUrl: string }
  | { outcome: 'wrong_network'; network: Network; txHash: string; looksLike: string }
  | { outcome: 'unknown_network'; txHash: string }
  | { outcome: 'invalid' };

/**
 * Whether `txHash` can be a transaction of `network`, and where to look it up. A bare 64-hex id
 * on an EVM network gets its missing 0x back (wallets sometimes drop it); a 0x id on Tron is a
 * different chain's transaction — the commonest reason a deposit "never arrives".
 */
export function checkTxHash(networkInput: string, txHashInput: string): TxCheck {
  let tx = txHashInput.replace(/\s+/g, '');
  const shape = shapeOf(tx);
  if (!shape) return { outcome: 'invalid' };
  const network = findNetwork(networkInput);
  if (!network) return { outcome: 'unknown_network', txHash: tx };
  if (network.shape === 'evm' && shape === 'hex64') tx = `0x${tx}`;
  else if (network.shape !== shape) return { outcome: 'wrong_network', network, txHash: tx, looksLike: shapeNetworks[shape] };
  const explorerUrl = network.explorer.replace('{tx}', tx);
  return { outcome: network.memo ? 'memo_network' : 'ok', network, txHash: tx, explorerUrl };
}
