import { createHash } from 'node:crypto';
import type { AppContext } from '../../../../context.js';
import { newId } from '../../../../platform/db/ids.js';
import { redactSecrets } from '../../../security/secrets/detector.js';
import type { InboundOrigin, InboundResult } from '../../adapters.js';
import { insertEmailRow, type EmailRowInput } from '../emailRows.js';

/** From, Subject and Message-ID read straight from the header lines, for the admins' list. */
function headerLines(raw: Buffer): { from: string | null; subject: string | null; messageId: string | null } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end).toString('latin1');
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim().slice(0, 300) || null;
  const id = field('Message-ID');
  return { from: field('From'), subject: field('Subject'), messageId: id ? id.replace(/^<|>$/g, '') : null };
}

/**
 * Mail we could not read is kept, never dropped: its source goes to storage (secrets written in
 * plain text redacted byte-for-byte, as far as they can be seen unparsed) and a `failed` row
 * lists it for admins with the reason. The same source twice is one row.
 */
export async function failedEmailRecorder(ctx: AppContext, raw: Buffer | null, origin: InboundOrigin, reason: string, header: { from?: string | null; subject?: string | null; messageId?: string | null; size?: number } = {}): Promise<InboundResult> {
  const key = raw ? `in-sha256:${createHash('sha256').update(raw).digest('hex')}` : `in-failed:${origin.source}:${header.messageId ?? newId()}`;
  const seen = await ctx.db.selectFrom('email_messages').select('id').where('dedupe_key', '=', key).executeTakeFirst();
  if (seen) return { outcome: 'duplicate', ticketId: null, created: false };
  if (raw && !header.from && !header.subject) header = { ...headerLines(raw), ...header };
  let rawKey: string | null = null;
  if (raw) {
    // latin1 maps every byte to one character and back, so only the redacted spans change.
    const screened = Buffer.from(redactSecrets(raw.toString('latin1')).text, 'latin1');
    const now = new Date();
    rawKey = `email/failed/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${newId()}`;
    await ctx.storage.put(rawKey, screened);
  }
  const row: EmailRowInput = {
    direction: 'inbound',
    kind: 'unparsed',
    state: 'failed',
    dedupe_key: key,
    message_id_header: header.messageId ? header.messageId.replace(/^<|>$/g, '') : null,
    source: origin.source,
    from_address: header.from ?? null,
    subject: header.subject ?? null,
    raw_key: rawKey,
    size: raw?.length ?? header.size ?? 0,
    error: reason.slice(0, 1000),
  };
  let id: string | null;
  try {
    id = await insertEmailRow(ctx.db, row);
  } catch (err) {
    // The database is down: the message stays with its sender (unseen, or a 451) and no copy is left behind.
    if (rawKey) await ctx.storage.delete(rawKey).catch(() => undefined);
    throw err;
  }
  if (!id && rawKey) await ctx.storage.delete(rawKey);
  return { outcome: id ? 'failed' : 'duplicate', ticketId: null, created: false };
}
