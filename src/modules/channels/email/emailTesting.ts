import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, verify, type KeyObject } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Real mail servers on loopback for the email tests: a throwaway Dovecot (its own config, port,
 * passwd-file user and maildir under a temp folder, run as a child process — never the system
 * service) and an SMTP server that plays the receiving MTA. Fixtures are delivered by IMAP APPEND,
 * exactly as a mail server would file them.
 */
export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** null when Dovecot can run here; else why the IMAP tests are skipped (under CI=true a missing Dovecot fails instead). */
export function dovecotMissing(): string | null {
  if (existsSync(DOVECOT_BIN)) return null;
  const reason = `${DOVECOT_BIN} is missing (apt-get install -y dovecot-imapd)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: CI must run the IMAP tests`);
  return reason;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('dovecot did not open its port');
}

export interface TestDovecot {
  port: number;
  user: string;
  password: string;
  /** The EMAIL_IMAP_MAILBOXES value for this server. */
  mailboxUrl: string;
  /** Files a message in INBOX as new mail; returns its UID. */
  append(raw: Buffer | string, folder?: string): Promise<number>;
  /** The flags of every message in INBOX by UID. */
  flags(): Promise<Map<number, Set<string>>>;
  /** Stops the server (the mailbox becomes unreachable) and starts it again on the same port and mail. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  stopServer(): Promise<void>;
}

export async function startDovecot(): Promise<TestDovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-dovecot-'));
  const port = await freePort();
  const user = 'support@ledgerx.example';
  const password = 'imap-test-password';
  const root = process.getuid?.() === 0;
  // Dovecot never runs mail processes as root: the mail belongs to `nobody` when we are root.
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  const mail = join(dir, 'mail');
  mkdirSync(mail, { recursive: true });
  if (root) chownSync(mail, uid, gid);
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const log = join(dir, 'dovecot.log');
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
first_valid_uid = ${Math.min(uid, 500)}
${root ? 'default_internal_user = dovecot\ndefault_login_user = dovenull' : `default_internal_user = ${process.env.USER ?? 'nobody'}\ndefault_login_user = ${process.env.USER ?? 'nobody'}`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(DOVECOT_BIN, ['-F', '-c', conf], { stdio: 'ignore' });
    await waitForPort(port, child, log);
  };
  const stopServer = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await launch();
  const client = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
    c.on('error', () => undefined);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };
  return {
    port,
    user,
    password,
    mailboxUrl: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX?tls=none`,
    append: (raw, folder = 'INBOX') =>
      client(async (c) => {
        const res = await c.append(folder, typeof raw === 'string' ? Buffer.from(raw) : raw, []);
        return res && typeof res === 'object' && res.uid ? res.uid : 0;
      }),
    flags: () =>
      client(async (c) => {
        const out = new Map<number, Set<string>>();
        const lock = await c.getMailboxLock('INBOX');
        try {
          for await (const m of c.fetch('1:*', { uid: true, flags: true })) out.set(m.uid, m.flags ?? new Set());
        } finally {
          lock.release();
        }
        return out;
      }),
    restart: async () => {
      await stopServer();
      await launch();
    },
    stopServer,
    stop: async () => {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CapturedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface MailSink {
  port: number;
  url: string;
  received: CapturedMail[];
  /** Answers every message with this SMTP error (e.g. 451 temporary, 550 permanent); null accepts again. */
  failWith(code: number | null): void;
  close(): Promise<void>;
}

/** The receiving MTA of outgoing mail: a loopback SMTP server that keeps what it is given. */
export async function startMailSink(): Promise<MailSink> {
  const received: CapturedMail[] = [];
  let failure: number | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'ledgerdesk' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failure) return callback(Object.assign(new Error(`test sink refuses (${failure})`), { responseCode: failure }));
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          received.push({
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
            raw,
            parsed,
          });
          callback();
        }, callback);
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    url: `smtp://ledgerdesk:sink-password@127.0.0.1:${port}`,
    received,
    failWith: (code) => (failure = code),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Verifies a relaxed/relaxed rsa-sha256 DKIM signature (RFC 6376) with the public key the DNS
 * record would publish: the body hash and the signature over the signed headers.
 */
export function dkimVerifies(raw: Buffer, publicKey: KeyObject): boolean {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split + 2);
  const body = text.slice(split + 4);
  const fields = head.split(/\r\n(?![ \t])/).filter(Boolean);
  const relaxedHeader = (field: string) => {
    const colon = field.indexOf(':');
    const value = field.slice(colon + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
    return `${field.slice(0, colon).trim().toLowerCase()}:${value}`;
  };
  const signature = fields.find((f) => /^dkim-signature:/i.test(f));
  if (!signature) return false;
  const tags = new Map(relaxedHeader(signature).slice('dkim-signature:'.length).split(';').map((t) => t.trim()).filter(Boolean).map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1).replace(/\s+/g, '')] as [string, string]));
  const relaxedBody = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, '')).join('\r\n').replace(/(\r\n)*$/, '');
  const bodyHash = createHash('sha256').update(relaxedBody ? `${relaxedBody}\r\n` : '', 'latin1').digest('base64');
  if (bodyHash !== tags.get('bh')) return false;
  const remaining = [...fields];
  const signed = (tags.get('h') ?? '').split(':').map((name) => {
    const index = remaining.map((f) => f.slice(0, f.indexOf(':')).trim().toLowerCase()).lastIndexOf(name.toLowerCase());
    return index < 0 ? '' : `${relaxedHeader(remaining.splice(index, 1)[0]!)}\r\n`;
  });
  const unsigned = relaxedHeader(signature).replace(/([;:]\s*b=)[^;]*/, '$1');
  return verify('sha256', Buffer.from(`${signed.join('')}${unsigned}`, 'latin1'), publicKey, Buffer.from(tags.get('b') ?? '', 'base64'));
}
