/**
 * The coins and networks the simulator lists and the diagnosis knows the pace of: how many
 * confirmations an exchange typically waits for, how long a block takes, whether a shared
 * address needs a memo or tag, and the minimum deposit. Figures are the ones large exchanges
 * publish on their deposit pages; a real exchange's own numbers arrive with each transaction
 * (`requiredConfirmations`, `minimumAmount`), these only fill in the expected time.
 */
export interface NetworkInfo {
  id: string;
  name: string;
  /** Seconds per block (per confirmation) at the network's usual pace. */
  blockSeconds: number;
  confirmations: number;
  /** A shared deposit address tells users apart by this. */
  memo: 'tag' | 'memo' | null;
}

export const networkCatalogue: Record<string, NetworkInfo> = {
  BTC: { id: 'BTC', name: 'Bitcoin', blockSeconds: 600, confirmations: 2, memo: null },
  ERC20: { id: 'ERC20', name: 'Ethereum (ERC20)', blockSeconds: 12, confirmations: 12, memo: null },
  TRC20: { id: 'TRC20', name: 'Tron (TRC20)', blockSeconds: 3, confirmations: 20, memo: null },
  BEP20: { id: 'BEP20', name: 'BNB Smart Chain (BEP20)', blockSeconds: 3, confirmations: 15, memo: null },
  SOL: { id: 'SOL', name: 'Solana', blockSeconds: 0.4, confirmations: 32, memo: null },
  XRP: { id: 'XRP', name: 'XRP Ledger', blockSeconds: 4, confirmations: 1, memo: 'tag' },
  EOS: { id: 'EOS', name: 'EOS', blockSeconds: 0.5, confirmations: 360, memo: 'memo' },
  TON: { id: 'TON', name: 'TON', blockSeconds: 5, confirmations: 1, memo: 'memo' },
};

/** Coin → network → minimum deposit (decimal string). */
export const depositMinimums: Record<string, Record<string, string>> = {
  BTC: { BTC: '0.0005' },
  ETH: { ERC20: '0.005' },
  USDT: { TRC20: '1', ERC20: '10', BEP20: '1' },
  XRP: { XRP: '10' },
  EOS: { EOS: '0.5' },
  TON: { TON: '0.5' },
  SOL: { SOL: '0.01' },
};

export const networkName = (id: string): string => networkCatalogue[id]?.name ?? id;
