import { ApiError } from '../api';
import type { MessageKey, Translate } from '../i18n';

export type FieldErrors = Partial<Record<'email' | 'password' | 'code' | 'form', string>>;

/** Server answers → messages under the field they concern, or over the form. */
export function errorsFrom(err: unknown, t: Translate, fieldMessages: Partial<Record<string, MessageKey>> = {}): FieldErrors {
  if (!(err instanceof ApiError)) return { form: t('error.network') };
  if (err.code === 'network') return { form: t('error.network') };
  if (err.code === 'rate_limited') return { form: t('login.locked') };
  if (err.field && ['email', 'password', 'code'].includes(err.field)) {
    const key = fieldMessages[err.field];
    return { [err.field]: key ? t(key) : err.message };
  }
  return { form: t('error.generic', { message: err.message }) };
}
