import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { sha256Hex } from '../../../platform/crypto.js';
import { AppError } from '../../../platform/http/errors.js';
import { readMultipart, type UploadedFile } from '../attachments.js';

const uploads = new WeakMap<FastifyRequest, UploadedFile[]>();
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Multipart forms carry the same fields as the JSON body, with dotted names for nested ones
 * (`customer.email`, `fields.txHash`) and repeated names for lists (`tags`). Turning them into
 * the JSON shape lets one zod schema validate both.
 */
export function nestFields(fields: Record<string, string | string[]>, arrays: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(fields)) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const path = key.split('.');
    if (path.some((p) => !p || FORBIDDEN_KEYS.has(p)) || path.length > 3) throw new AppError('field_unknown', `Unknown field "${key}".`, key);
    let node = out;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (next !== undefined && (typeof next !== 'object' || Array.isArray(next))) throw new AppError('field_invalid', `"${part}" is given twice.`, part);
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    node[leaf] = arrays.includes(key) && !Array.isArray(value) ? [value] : value;
  }
  return out;
}

/** preValidation hook: buffers a multipart request into `request.body` plus its files. */
export function multipartBody(ctx: AppContext, arrays: readonly string[] = []) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.isMultipart()) return;
    const { fields, files } = await readMultipart(request, ctx.config);
    request.body = nestFields(fields, arrays);
    uploads.set(request, files);
  };
}

export const uploadsOf = (request: FastifyRequest): UploadedFile[] => uploads.get(request) ?? [];

/** Identifies the uploaded files for Idempotency-Key comparisons. */
export const uploadsFingerprint = (request: FastifyRequest): string =>
  uploadsOf(request).map((f) => `${sha256Hex(f.data)}:${f.filename}`).join(',');
