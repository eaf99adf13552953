import { useId } from 'react';
import { useI18n } from '../i18n';

/** A labelled select; `any` adds an empty "Any" choice first (filters). */
export function Select({ label, value, options, onChange, any = true, disabled = false }: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
  any?: boolean;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {any ? <option value="">{t('filter.any')}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
