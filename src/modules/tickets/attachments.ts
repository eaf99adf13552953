import { createHash, randomUUID } from 'node:crypto';
import { screenFilename } from '../security/screening.js';
import type { SecretKind } from '../security/secrets/detector.js';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { AppError } from '../../platform/http/errors.js';

/** A file as uploaded: bytes in memory, the name the client gave it (used for display only). */
export interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** A file whose content passed the checks; the type comes from its bytes, never from the client. */
export interface AcceptedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Buffer;
  /** Secrets removed from the file name (screening.ts), for the customer's warning. */
  redacted?: SecretKind[];
}

export interface StoredAttachment extends AcceptedAttachment {
  id: string;
  storageKey: string;
}

type AttachmentLimits = Pick<Config, 'MAX_ATTACHMENT_BYTES' | 'MAX_ATTACHMENTS_PER_MESSAGE'>;

/**
 * Buffers a multipart request: text fields (repeated names become arrays) and files. Limits come
 * from config; going over one throws 413 payload_too_large before anything is stored.
 */
export async function readMultipart(
  request: FastifyRequest,
  config: AttachmentLimits,
): Promise<{ fields: Record<string, string | string[]>; files: UploadedFile[] }> {
  const fields: Record<string, string | string[]> = {};
  const files: UploadedFile[] = [];
  const parts = request.parts({
    limits: { fileSize: config.MAX_ATTACHMENT_BYTES, files: config.MAX_ATTACHMENTS_PER_MESSAGE, fields: 50, fieldSize: 256 * 1024 },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      // Browsers send an empty part for a file input left blank.
      if (data.length === 0 && !part.filename) continue;
      files.push({ filename: part.filename, data });
      continue;
    }
    const value = typeof part.value === 'string' ? part.value : String(part.value);
    const existing = fields[part.fieldname];
    if (existing === undefined) fields[part.fieldname] = value;
    else fields[part.fieldname] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return { fields, files };
}

const sniffedTypes = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
  ['application/pdf', 'pdf'],
]);
const TEXT_NAME = /\.(txt|log)$/i;
// Markup in a "text" file could run as a page if some viewer ignored our headers: refuse it.
const MARKUP = /^\s*<|<\s*(script|html|svg|iframe|!doctype|\?xml)\b/i;

/** Keeps a display name: no folders, no control characters, bounded length. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200);
  return cleaned || 'attachment';
}

function isPlainText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    return !MARKUP.test(text.slice(0, 4096));
  } catch {
    return false;
  }
}

const unsupported = (filename: string) =>
  new AppError('unsupported_media_type', `"${filename}" is not an accepted file; send PNG, JPEG, GIF, WebP, PDF or plain text.`, 'attachments');

/** Checks size and sniffs the content; throws 413 or 415 naming 'attachments'. */
export async function acceptAttachment(file: UploadedFile, config: AttachmentLimits): Promise<AcceptedAttachment> {
  const { filename, kinds } = screenFilename(cleanFilename(file.filename));
  if (file.data.length > config.MAX_ATTACHMENT_BYTES) {
    throw new AppError('payload_too_large', `"${filename}" is larger than ${config.MAX_ATTACHMENT_BYTES} bytes.`, 'attachments');
  }
  if (file.data.length === 0) throw new AppError('field_invalid', `"${filename}" is empty.`, 'attachments');
  const sniffed = await fileTypeFromBuffer(file.data);
  let contentType: string;
  if (sniffed) {
    if (!sniffedTypes.has(sniffed.mime)) throw unsupported(filename);
    contentType = sniffed.mime;
  } else if (TEXT_NAME.test(filename) && isPlainText(file.data)) {
    contentType = 'text/plain; charset=utf-8';
  } else {
    throw unsupported(filename);
  }
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  return { filename, contentType, size: file.data.length, sha256, data: file.data, ...(kinds.length ? { redacted: kinds } : {}) };
}

export async function acceptAttachments(files: UploadedFile[], config: AttachmentLimits): Promise<AcceptedAttachment[]> {
  if (files.length > config.MAX_ATTACHMENTS_PER_MESSAGE) {
    throw new AppError('payload_too_large', `At most ${config.MAX_ATTACHMENTS_PER_MESSAGE} attachments per message.`, 'attachments');
  }
  const accepted: AcceptedAttachment[] = [];
  for (const file of files) accepted.push(await acceptAttachment(file, config));
  return accepted;
}

function storageKeyFor(now: Date): string {
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `att/${now.getUTCFullYear()}/${mm}/${randomUUID()}`;
}

/**
 * Writes the files, then runs `work` (the database transaction). If `work` fails the files are
 * deleted again, so a failed create never leaves orphaned bytes behind.
 */
export async function withStoredAttachments<T>(
  ctx: AppContext,
  files: AcceptedAttachment[],
  work: (stored: StoredAttachment[]) => Promise<T>,
): Promise<T> {
  const stored: StoredAttachment[] = [];
  try {
    for (const file of files) {
      const item = { ...file, id: newId(), storageKey: storageKeyFor(new Date()) };
      await ctx.storage.put(item.storageKey, file.data);
      stored.push(item);
    }
    return await work(stored);
  } catch (err) {
    await Promise.allSettled(stored.map((s) => ctx.storage.delete(s.storageKey)));
    throw err;
  }
}

export async function insertAttachments(trx: DbOrTx, ticketId: string, messageId: string, stored: StoredAttachment[]): Promise<void> {
  if (stored.length === 0) return;
  const now = nowIso();
  await trx
    .insertInto('attachments')
    .values(
      stored.map((s) => ({
        id: s.id,
        ticket_id: ticketId,
        message_id: messageId,
        storage_key: s.storageKey,
        filename: s.filename,
        content_type: s.contentType,
        size: s.size,
        sha256: s.sha256,
        created_at: now,
      })),
    )
    .execute();
}

/** RFC 6266 header: an ASCII fallback plus the UTF-8 name, always as a download. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
