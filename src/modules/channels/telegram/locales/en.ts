/** What the Telegram bot says on its own (the conversation's messages come from the desk). English. */
export const en = {
  welcome:
    'Hello! This is the official support chat. Write your question in your own words (English, 中文 or 한국어) and our assistant will answer right away; tap “Talk to a person” or send /agent at any time to reach our support team, 7×24.\n\nFor deposits and withdrawals, include the coin, the network and the transaction hash (TxID).\n\nWe will never ask for your password, 2FA or SMS codes, recovery phrase (seed words) or private keys, and we never ask you to send funds to “verify” an account.',
  handoverButton: 'Talk to a person',
  openArticle: 'Read the article',
  describeFirst: 'Tell me in one message what happened (with your UID if it concerns your account), and I will connect you to a support agent.',
  unsupported: 'I can read text, photos and documents (PNG, JPEG, GIF, WebP, PDF or plain text). Please send your question as text, or the file in one of those formats.',
  fileRejected: 'We could not accept “{file}”: {reason}',
  edited: '(edited) {text}',
  agentPrefix: '{agent}:',
} as const;
