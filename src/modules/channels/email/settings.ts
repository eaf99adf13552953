import type { Config } from '../../../config.js';
import { ConfigError } from '../../../config.js';

/** One polled mailbox, read from an `imap(s)://user:password@host:port/folder` URL. */
export interface MailboxSettings {
  /** `user@host/folder`: how admins and the `email_messages.source` column name it (no password). */
  name: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** implicit = TLS from the first byte (imaps), starttls = upgrade required (imap), none = loopback tests only. */
  tls: 'implicit' | 'starttls' | 'none';
  folder: string;
}

export interface DkimSettings {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface EmailSettings {
  /** The sender of every email we send, and the addresses that are ours (loop detection). */
  from: { name: string; address: string } | null;
  mailboxes: MailboxSettings[];
  dkim: DkimSettings | null;
}

function parseMailbox(url: string): MailboxSettings {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new ConfigError([`EMAIL_IMAP_MAILBOXES: "${url.replace(/\/\/[^@/]*@/, '//…@')}" is not a URL`]);
  }
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new ConfigError([`EMAIL_IMAP_MAILBOXES: ${u.protocol} is neither imap: nor imaps:`]);
  const user = decodeURIComponent(u.username);
  if (!user || !u.password || !u.hostname) throw new ConfigError([`EMAIL_IMAP_MAILBOXES: ${u.hostname || 'a mailbox'} needs user, password and host`]);
  const tlsParam = u.searchParams.get('tls');
  if (tlsParam !== null && tlsParam !== 'none') throw new ConfigError([`EMAIL_IMAP_MAILBOXES: tls=${tlsParam} (only tls=none is accepted; the scheme chooses TLS)`]);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  // A password in the clear is only acceptable to a server on this machine.
  if (tlsParam === 'none' && !loopback) throw new ConfigError([`EMAIL_IMAP_MAILBOXES: tls=none is only allowed for a server on this machine, not ${u.hostname}`]);
  const tls = u.protocol === 'imaps:' ? 'implicit' : tlsParam === 'none' ? 'none' : 'starttls';
  const folder = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  const port = u.port ? Number(u.port) : tls === 'implicit' ? 993 : 143;
  return { name: `${user}@${u.hostname}/${folder}`, host: u.hostname, port, user, password: decodeURIComponent(u.password), tls, folder };
}

/** `Name <address>` or a bare address. */
export function parseFrom(value: string): { name: string; address: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(value);
  if (m) return { name: m[1]!.replace(/^"|"$/g, ''), address: m[2]!.toLowerCase() };
  return { name: '', address: value.trim().toLowerCase() };
}

/** Reads the email settings once; a half-configured DKIM or a bad mailbox URL is a configuration error. */
export function emailSettings(config: Config): EmailSettings {
  const mailboxes = (config.EMAIL_IMAP_MAILBOXES ?? '').split(',').filter((s) => s.trim()).map(parseMailbox);
  const dkimParts = [config.DKIM_DOMAIN, config.DKIM_SELECTOR, config.DKIM_PRIVATE_KEY];
  let dkim: DkimSettings | null = null;
  if (dkimParts.some(Boolean)) {
    if (!dkimParts.every(Boolean)) throw new ConfigError(['DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY: set all three or none']);
    const privateKey = config.DKIM_PRIVATE_KEY!.replace(/\\n/g, '\n');
    if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) throw new ConfigError(['DKIM_PRIVATE_KEY=(hidden): a PEM private key']);
    dkim = { domainName: config.DKIM_DOMAIN!, keySelector: config.DKIM_SELECTOR!, privateKey };
  }
  if ((config.SMTP_URL || mailboxes.length || config.SMTP_LISTEN_PORT) && !config.EMAIL_FROM) {
    throw new ConfigError(['EMAIL_FROM: required once SMTP_URL, EMAIL_IMAP_MAILBOXES or SMTP_LISTEN_PORT is set (our address, for replies and loop detection)']);
  }
  return { from: config.EMAIL_FROM ? parseFrom(config.EMAIL_FROM) : null, mailboxes, dkim };
}
