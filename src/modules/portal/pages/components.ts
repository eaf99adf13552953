import { formatBytes, formatDateTime, hasMessage, t, type Locale } from '../../../platform/i18n/index.js';
import type { Category, FieldSpec } from '../../tickets/categories.js';
import { html, type Html } from '../html.js';

/** Status names for customers, not the internal words (on_hold → "On hold"). */
export const statusBadge = (locale: Locale, status: string): Html =>
  html`<span class="badge badge-${status}">${t(locale, `status.${status}.label`)}</span>`;

/** A UTC time the client script rewrites into the reader's own time zone. */
export const timeTag = (locale: Locale, iso: string): Html => html`<time datetime="${iso}" data-local>${formatDateTime(locale, iso)}</time>`;

export const categoryName = (locale: Locale, category: string): string =>
  hasMessage('en', `category.${category}.name`) ? t(locale, `category.${category}.name`) : category;

/** A field's label; some categories word a shared field their own way (deposit vs withdrawal address). */
export function fieldLabel(locale: Locale, category: Category, name: string): string {
  const specific = `category.${category}.fieldLabel.${name}`;
  if (hasMessage('en', specific)) return t(locale, specific);
  return hasMessage('en', `field.${name}.label`) ? t(locale, `field.${name}.label`) : name;
}

export const optionLabel = (locale: Locale, field: string, option: string): string =>
  hasMessage('en', `field.${field}.option.${option}`) ? t(locale, `field.${field}.option.${option}`) : option;

/** How a stored field value reads back to the customer. */
export function fieldValue(locale: Locale, spec: FieldSpec | undefined, name: string, value: string): Html | string {
  if (spec?.kind === 'select') return optionLabel(locale, name, value);
  if (spec?.kind === 'datetime') return timeTag(locale, value);
  return value;
}

export const fileSize = (locale: Locale, bytes: number): string => formatBytes(locale, bytes);

/** The error line under a form control, linked to it with aria-describedby. */
export const fieldError = (id: string, message: string | undefined): Html =>
  message ? html`<p class="field-error" id="${id}-error">${message}</p>` : html``;

export function describedBy(id: string, hasHelp: boolean, hasError: boolean): Html {
  const ids = [hasHelp ? `${id}-help` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"${hasError ? html` aria-invalid="true"` : ''}` : html``;
}

export const ATTACHMENT_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log';

export interface AttachmentLimits {
  maxBytes: number;
  maxFiles: number;
}

/**
 * The file picker of the new-request and reply forms. `filesDropped`: the last submit failed
 * and browsers never re-fill file inputs, so ask for the files again.
 */
export function attachmentsField(locale: Locale, limits: AttachmentLimits, error: string | undefined, filesDropped: boolean): Html {
  const shown = error ?? (filesDropped ? t(locale, 'validation.attachmentsAgain') : undefined);
  const maxSize = formatBytes(locale, limits.maxBytes);
  return html`<div class="field${shown ? ' has-error' : ''}">
    <label for="attachments">${t(locale, 'form.attachments.label')} <span class="optional">(${t(locale, 'form.optional')})</span></label>
    <input id="attachments" name="attachments" type="file" multiple accept="${ATTACHMENT_ACCEPT}" data-max-bytes="${limits.maxBytes}" data-max-files="${limits.maxFiles}" data-too-big="${t(locale, 'form.attachments.tooBig', { size: maxSize })}"${describedBy('attachments', true, !!shown)}>
    <p class="help" id="attachments-help">${t(locale, 'form.attachments.help', { count: limits.maxFiles, size: maxSize })}</p>
    <p class="field-warning" data-file-warning aria-live="polite"></p>
    ${fieldError('attachments', shown)}
  </div>`;
}
