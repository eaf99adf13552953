import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { AppError } from '../../platform/http/errors.js';
import { formatBytes, hasMessage, t, type Locale } from '../../platform/i18n/index.js';
import { categoryFields, isCategory, type Category } from '../tickets/categories.js';
import type { UploadedFile } from '../tickets/attachments.js';

/**
 * Reading and checking the portal's multipart forms. Unlike the API, a form must never lose
 * what the customer typed: a file over the size limit is noted (and dropped) while the rest
 * of the form is still read, so the page can come back with every field filled in.
 */
export interface PortalForm {
  fields: Record<string, string>;
  files: UploadedFile[];
  /** A file was over MAX_ATTACHMENT_BYTES or there were too many files. */
  attachmentsRejected: boolean;
}

type PartsOptions = NonNullable<Parameters<FastifyRequest['parts']>[0]>;
type Limits = Pick<Config, 'MAX_ATTACHMENT_BYTES' | 'MAX_ATTACHMENTS_PER_MESSAGE'>;

export async function readPortalForm(request: FastifyRequest, config: Limits): Promise<PortalForm> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let attachmentsRejected = false;
  // throwFileSizeLimit is honoured by @fastify/multipart's parts() but missing from its types.
  const options: PartsOptions & { throwFileSizeLimit: boolean } = {
    throwFileSizeLimit: false,
    limits: { fileSize: config.MAX_ATTACHMENT_BYTES, files: config.MAX_ATTACHMENTS_PER_MESSAGE, fields: 60, fieldSize: 256 * 1024 },
  };
  const parts = request.parts(options);
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) attachmentsRejected = true;
        else if (data.length > 0 || part.filename) files.push({ filename: part.filename, data });
        continue;
      }
      // The first value wins: our forms never repeat a text field.
      if (!(part.fieldname in fields)) fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'FST_FILES_LIMIT') throw err;
    attachmentsRejected = true;
  }
  return { fields, files, attachmentsRejected };
}

/** What the customer typed into the new-ticket form, kept verbatim for re-rendering. */
export interface TicketFormValues {
  category: string;
  subject: string;
  description: string;
  email: string;
  locale: string;
  fields: Record<string, string>;
}

/** Error messages keyed by form control name (`subject`, `fields.coin`, `attachments`…). */
export type FormErrors = Record<string, string>;

export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
export const REPLY_MAX = 20_000;

export function ticketFormValues(raw: Record<string, string>, fallbackLocale: Locale): TicketFormValues {
  const category = raw.category ?? '';
  const specs = isCategory(category) ? categoryFields[category] : [];
  const fields: Record<string, string> = {};
  for (const spec of specs) fields[spec.name] = (raw[`fields.${spec.name}`] ?? '').trim();
  return {
    category,
    subject: raw.subject ?? '',
    description: raw.description ?? '',
    email: (raw.email ?? '').trim(),
    locale: raw.locale || fallbackLocale,
    fields,
  };
}

const emailSchema = z.email().max(254);

/**
 * Local `datetime-local` input ("2024-05-01T10:30") plus the browser's offset from UTC in
 * minutes (filled in by the portal script) to the ISO instant the tickets module stores.
 * Without the script the time is taken as UTC, which the field's help text says.
 */
export function localToIso(value: string, tzOffsetMinutes: string | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const offset = Number(tzOffsetMinutes);
  const shifted = utc + (Number.isInteger(offset) && Math.abs(offset) <= 14 * 60 ? offset : 0) * 60_000;
  const date = new Date(shifted);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Checks everything we can check without the tickets module, reporting every problem at
 * once (the tickets module stops at the first one). Returns localized messages.
 */
export function checkTicketForm(locale: Locale, values: TicketFormValues, opts: { emailRequired: boolean; locales: readonly string[] }): FormErrors {
  const errors: FormErrors = {};
  const required = t(locale, 'validation.required');
  if (!isCategory(values.category)) errors.category = t(locale, 'validation.category');
  if (!values.subject.trim()) errors.subject = required;
  else if (values.subject.length > SUBJECT_MAX) errors.subject = t(locale, 'validation.tooLong', { max: SUBJECT_MAX });
  if (!values.description.trim()) errors.description = required;
  else if (values.description.length > DESCRIPTION_MAX) errors.description = t(locale, 'validation.tooLong', { max: DESCRIPTION_MAX });
  if (opts.emailRequired && !values.email) errors.email = required;
  else if (opts.emailRequired && !emailSchema.safeParse(values.email).success) errors.email = t(locale, 'validation.email');
  if (!opts.locales.includes(values.locale)) errors.locale = t(locale, 'validation.locale');
  if (isCategory(values.category)) {
    for (const spec of categoryFields[values.category]) {
      const value = values.fields[spec.name] ?? '';
      if (spec.required && !value) errors[`fields.${spec.name}`] = required;
      else if (value && spec.maxLength && value.length > spec.maxLength) errors[`fields.${spec.name}`] = t(locale, 'validation.tooLong', { max: spec.maxLength });
    }
  }
  return errors;
}

/** A tickets-module error (which names its field) as a message for that form control. */
export function messageForError(locale: Locale, err: AppError, category: Category | null, limits: Limits): { field: string; message: string } | null {
  const field = err.field;
  if (field === 'attachments') {
    if (err.code === 'unsupported_media_type') return { field, message: t(locale, 'validation.attachmentsType') };
    if (err.code === 'payload_too_large') return { field, message: attachmentsTooLarge(locale, limits) };
    return { field, message: t(locale, 'validation.attachmentsEmpty') };
  }
  if (field === 'customer.email') return { field: 'email', message: t(locale, 'validation.email') };
  if (field?.startsWith('fields.')) {
    const name = field.slice('fields.'.length);
    if (err.code === 'field_required') return { field, message: t(locale, 'validation.required') };
    if (hasMessage('en', `validation.field.${name}`)) return { field, message: t(locale, `validation.field.${name}`) };
    const kind = category ? categoryFields[category].find((s) => s.name === name)?.kind : undefined;
    const byKind = kind === 'select' ? 'validation.select' : kind === 'datetime' ? 'validation.datetime' : kind === 'number' ? 'validation.number' : 'validation.invalid';
    return { field, message: t(locale, byKind) };
  }
  return null;
}

export const attachmentsTooLarge = (locale: Locale, limits: Limits): string =>
  t(locale, 'validation.attachmentsSize', { size: formatBytes(locale, limits.MAX_ATTACHMENT_BYTES), count: limits.MAX_ATTACHMENTS_PER_MESSAGE });
