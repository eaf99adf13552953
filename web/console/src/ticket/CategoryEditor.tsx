import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import type { TicketDetail } from '../types';
import type { TicketPatch } from './useTicketPatch';

interface FieldSpec {
  name: string;
  kind: 'text' | 'number' | 'select' | 'datetime';
  required: boolean;
  label: string;
  maxLength?: number;
  options?: { value: string; label: string }[];
}
interface CategorySpec {
  value: string;
  label: string;
  fields: FieldSpec[];
}

const cache = new Map<string, Promise<CategorySpec[]>>();
const categoriesIn = (locale: string) => {
  if (!cache.has(locale)) cache.set(locale, api<{ items: CategorySpec[] }>('GET', `/api/v1/categories?locale=${locale}`).then((r) => r.items));
  return cache.get(locale)!;
};

// Shapes worth catching before a round trip; the server's checks (tickets/categories.ts) stay the authority.
const shapes: Record<string, [RegExp, MessageKey]> = {
  amount: [/^(0|[1-9]\d{0,17})(\.\d{1,18})?$/, 'fieldsEdit.shape.amount'],
  txHash: [/^(0x[0-9a-fA-F]{64}|[0-9a-fA-F]{64}|[1-9A-HJ-NP-Za-km-z]{43,88})$/, 'fieldsEdit.shape.txHash'],
  coin: [/^[A-Z0-9][A-Z0-9_-]{1,11}$/, 'fieldsEdit.shape.coin'],
  network: [/^[A-Z0-9][A-Z0-9_-]{1,19}$/, 'fieldsEdit.shape.network'],
  country: [/^[A-Z]{2}$/, 'fieldsEdit.shape.country'],
};

function check(spec: FieldSpec, value: string, t: Translate): string | null {
  if (!value) return spec.required ? t('fieldsEdit.required') : null;
  if (spec.maxLength && value.length > spec.maxLength) return t('fieldsEdit.tooLong', { max: spec.maxLength });
  const shape = shapes[spec.name] ?? (spec.kind === 'number' ? shapes.amount : undefined);
  return shape && !shape[0].test(value) ? t(shape[1]) : null;
}

/**
 * The category and the fields it asks for, typed as the server declares them. Changing the
 * category shows the new one's fields; everything is checked here first, then sent in one PATCH,
 * and a refusal naming `fields.<name>` is shown under that input.
 */
export function CategoryEditor({ ticket, patch, editable }: { ticket: TicketDetail; patch: TicketPatch; editable: boolean }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [specs, setSpecs] = useState<CategorySpec[]>([]);
  const [category, setCategory] = useState(ticket.category);
  const [values, setValues] = useState<Record<string, string>>(ticket.fields);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => void categoriesIn(locale).then(setSpecs, () => undefined), [locale]);

  const spec = specs.find((c) => c.value === category);
  const server = patch.fieldError;
  const errorOf = (field: string) => errors[field] ?? (server?.field === field ? server.message : undefined);

  function save(e: FormEvent) {
    e.preventDefault();
    if (!spec) return;
    const found: Record<string, string> = {};
    const fields: Record<string, string> = {};
    for (const f of spec.fields) {
      const value = (values[f.name] ?? '').trim();
      const problem = check(f, value, t);
      if (problem) found[`fields.${f.name}`] = problem;
      else if (value) fields[f.name] = value;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    void patch.change({ ...(category !== ticket.category ? { category } : {}), fields });
  }

  return (
    <form className="category-editor" aria-labelledby={`${id}-title`} onSubmit={save} noValidate>
      <h3 id={`${id}-title`}>{t('ticket.fields')}</h3>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t('filter.category')}</label>
        <select id={`${id}-category`} value={category} disabled={!editable || !specs.length} onChange={(e) => (setCategory(e.target.value), setErrors({}))}>
          {specs.map((c) => (
            <option key={c.value} value={c.value}>{c.label}</option>
          ))}
        </select>
        {errorOf('category') ? <p className="field-error" role="alert">{errorOf('category')}</p> : null}
      </div>
      {spec?.fields.map((f) => {
        const inputId = `${id}-${f.name}`;
        const error = errorOf(`fields.${f.name}`);
        const common = {
          id: inputId, value: values[f.name] ?? '', disabled: !editable, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${inputId}-error` : undefined,
          onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f.name]: e.target.value })),
        };
        return (
          <div className="field" key={f.name}>
            <label htmlFor={inputId}>{f.label}{f.required ? ' *' : ''}</label>
            {f.kind === 'select' ? (
              <select {...common}>
                <option value="">—</option>
                {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : (
              <input {...common} inputMode={f.kind === 'number' ? 'decimal' : undefined} placeholder={f.kind === 'datetime' ? '2026-05-01T08:30:00Z' : undefined} maxLength={f.maxLength} />
            )}
            {error ? <p className="field-error" id={`${inputId}-error`} role="alert">{error}</p> : null}
          </div>
        );
      })}
      {editable ? <button type="submit" disabled={patch.busy || !spec}>{t('fieldsEdit.save')}</button> : null}
    </form>
  );
}
