import { z } from 'zod';

/**
 * Every setting LedgerDesk reads from the environment, validated once at start.
 * The README's configuration table is generated from the `describe()` texts below,
 * so keep them short and true. `secret: true` values are never logged.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const roleList = z
  .string()
  .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['admin', 'supervisor', 'agent'])));

/** A whole number in a range, with an error that says what is expected (zod's default says "NaN"). */
const int = (min: number, max: number = Number.MAX_SAFE_INTEGER) => {
  const expects = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: expects }).int({ error: expects }).min(min, { error: expects }).max(max, { error: expects });
};

export const configSchema = z.object({
  PORT: int(1, 65535).default(3000).describe('HTTP port'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to listen on'),
  PUBLIC_URL: z.url().optional().describe('Base URL used in links sent to customers; unset = `http://localhost:PORT`'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'a sqlite:PATH or postgres://… URL')
    .default('sqlite:./data/ledgerdesk.db')
    .describe('`sqlite:PATH` (embedded, default) or `postgres://user@host/db`'),
  DATABASE_POOL_SIZE: int(1, 200).default(10).describe('PostgreSQL connections per process'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case PostgreSQL schema name')
    .optional()
    .describe('PostgreSQL schema to keep the tables in (created if missing); unset = the search_path default, usually `public`'),
  SQLITE_SYNCHRONOUS: z
    .enum(['FULL', 'NORMAL'])
    .default('NORMAL')
    .describe('SQLite commit durability: NORMAL survives a process crash, FULL also a power cut'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// URL')
    .optional()
    .describe('Redis for cross-node event fan-out; unset = in-process bus'),
  DATA_DIR: z.string().min(1).default('./data').describe('Folder for the embedded database, secrets and attachments'),
  BOT_MODEL_CACHE_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('Folder where trained bot models are kept by training-data fingerprint, so the same intents train once per machine (tests, staging); unset = no cache'),
  STORAGE: z.enum(['local']).default('local').describe('Attachment storage driver'),
  MAX_ATTACHMENT_BYTES: int(1024).default(20 * 1024 * 1024).describe('Largest accepted attachment'),
  MAX_ATTACHMENTS_PER_MESSAGE: int(0, 50).default(10).describe('Attachments per message'),
  MAX_JSON_BYTES: int(1024).default(1024 * 1024).describe('Largest accepted JSON body'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  TRUST_PROXY: bool.default(false).describe('Honour X-Forwarded-For (behind a load balancer)'),
  LEDGERDESK_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .optional()
    .describe('Key for signed links and tokens; unset = generated once and kept in the database'),
  LEDGERDESK_ADMIN_EMAIL: z.email().default('admin@ledgerdesk.local').describe('First admin account, created on first start'),
  LEDGERDESK_ADMIN_PASSWORD: z
    .string()
    .min(12, 'at least 12 characters')
    .optional()
    .describe('First admin password; unset = generated and printed once'),
  SEED_DEMO: bool.default(true).describe('Load demo teams, customers and tickets on first start'),
  SEED_HELP_CENTER: bool.default(true).describe('Load the shipped help-center articles (zh-CN, en, ko) into an empty help center on start'),
  TICKET_PREFIX: z
    .string()
    .regex(/^[A-Z]{1,6}$/, '1–6 capital letters')
    .default('LD')
    .describe('Prefix of ticket numbers (LD-100001)'),
  SESSION_TTL_HOURS: int(1, 24 * 30).default(12).describe('Console session lifetime'),
  REQUIRE_2FA_ROLES: roleList.default(['admin']).describe('Roles that must enrol TOTP two-factor before working'),
  EXCHANGE_IDENTITY_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .optional()
    .describe("HS256 key the exchange's backend signs customer identity tokens with"),
  EXCHANGE_URL: z
    .url()
    .optional()
    .describe("Base URL of the exchange's adapter API (docs/exchange-adapter.openapi.yaml); unset = the built-in simulator on a loopback port"),
  EXCHANGE_KEY_ID: z.string().min(1).max(64).default('ledgerdesk').describe('Key id sent with every signed request to and from the exchange'),
  EXCHANGE_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .optional()
    .describe('HMAC-SHA256 key shared with the exchange for signed requests and risk events; required with EXCHANGE_URL'),
  EXCHANGE_TIMEOUT_MS: int(100, 60_000).default(5_000).describe('Time limit of one request to the exchange'),
  OUTREACH_TIMEOUT_MINUTES: int(1, 7 * 24 * 60).default(30).describe('A "was this you?" outreach after a risk event with no answer by then goes to the security team as urgent'),
  EMAIL_FROM: z
    .string()
    .regex(/^[^<>]*<?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'an address, optionally with a name: `Support <support@exchange.example>`')
    .optional()
    .describe('Sender of every email we send (`Name <address>`); its domain also names our Message-IDs'),
  EMAIL_IMAP_MAILBOXES: z
    .string()
    .optional()
    .describe('Mailboxes to poll, comma-separated `imaps://user:password@host:993/INBOX` (`imap://…` uses STARTTLS; add `?tls=none` for a loopback server); percent-encode `@` and `:` in user and password'),
  EMAIL_POLL_SECONDS: int(5, 3600).default(60).describe('How often each mailbox is polled'),
  EMAIL_MAX_BYTES: int(64 * 1024).default(40 * 1024 * 1024).describe('Largest inbound email accepted whole; a larger one is kept as failed for admins'),
  EMAIL_AUTHSERV_ID: z
    .string()
    .optional()
    .describe("Authentication-Results id of your own receiving mail server; when set, a message whose sender's domain did not pass DMARC, DKIM or SPF there never joins an existing ticket"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// (STARTTLS) or smtps:// URL')
    .optional()
    .describe('Outgoing mail server, `smtps://user:password@host:465` or `smtp://…:587`; unset = no email is sent'),
  SMTP_LISTEN_PORT: int(1, 65535).optional().describe('Port of the built-in SMTP listener that takes mail forwarded to support; unset = off'),
  SMTP_LISTEN_HOST: z.string().min(1).default('127.0.0.1').describe('Interface the SMTP listener binds to (keep it private: it takes mail from your mail server)'),
  DKIM_DOMAIN: z.string().optional().describe('DKIM signing domain (with DKIM_SELECTOR and DKIM_PRIVATE_KEY)'),
  DKIM_SELECTOR: z.string().optional().describe('DKIM selector published in DNS as `<selector>._domainkey.<domain>`'),
  DKIM_PRIVATE_KEY: z.string().optional().describe('DKIM private key in PEM (`\\n` for line breaks allowed)'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "the bot token BotFather gave you, `123456789:AA…`")
    .optional()
    .describe('Telegram bot token from @BotFather; unset = no Telegram channel'),
  TELEGRAM_MODE: z
    .enum(['polling', 'webhook'])
    .default('polling')
    .describe('`polling` (getUpdates; one node only, works behind NAT) or `webhook` (Telegram posts to PUBLIC_URL; any number of nodes)'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters of A–Z, a–z, 0–9, _ and -')
    .optional()
    .describe('Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; required in webhook mode'),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org').describe('Bot API server (a self-hosted telegram-bot-api, or a loopback one in tests)'),
  CONNECTOR_FETCH_PRIVATE_NETWORKS: bool
    .default(false)
    .describe('Let connector bridges link attachments on loopback/private addresses (refused by default: server-side request forgery)'),
  PHONE_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\x21-\x7e]{32,256}$/, '32–256 printable characters without spaces')
    .optional()
    .describe('HMAC-SHA256 key the telephony system signs its call events with (docs/phone.md); unset = the CTI webhook answers 404'),
  SHUTDOWN_GRACE_MS: int(0).default(10_000).describe('Time to finish in-flight requests on SIGTERM'),
});

/** The parsed settings, with defaults that depend on other settings filled in (PUBLIC_URL). */
export type Config = Omit<z.infer<typeof configSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string };

export const secretVariables = new Set(['LEDGERDESK_SECRET', 'LEDGERDESK_ADMIN_PASSWORD', 'EXCHANGE_IDENTITY_SECRET', 'EXCHANGE_SECRET', 'DATABASE_URL', 'REDIS_URL', 'EMAIL_IMAP_MAILBOXES', 'SMTP_URL', 'DKIM_PRIVATE_KEY', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'PHONE_WEBHOOK_SECRET']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Settings another setting makes necessary: [name, is it missing, why]. */
const requiredTogether: [string, (c: z.infer<typeof configSchema>) => boolean, string][] = [
  ['TELEGRAM_WEBHOOK_SECRET', (c) => !!c.TELEGRAM_BOT_TOKEN && c.TELEGRAM_MODE === 'webhook' && !c.TELEGRAM_WEBHOOK_SECRET, 'required when TELEGRAM_MODE=webhook, so only Telegram can post updates'],
];

/** Reads the environment (or overrides, for tests); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const result = configSchema.safeParse(picked);
  if (result.success) {
    const missing = requiredTogether.filter(([, needed]) => needed(result.data)).map(([name, , why]) => `${name} is missing: ${why}`);
    if (missing.length) throw new ConfigError(missing);
    return { ...result.data, PUBLIC_URL: result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}` };
  }
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const shown = secretVariables.has(name) ? '(hidden)' : JSON.stringify(picked[name]);
      return `${name}=${shown}: ${issue.message}`;
    }),
  );
}
