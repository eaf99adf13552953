import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { ApiError } from '../api';
import type { Translate } from '../i18n';

export type Errors = Record<string, string>;

/**
 * A server refusal as messages: under the field it names when the form has one (`bodies.en`,
 * `hours.days.2.to` → the closest known prefix), else over the form.
 */
export function serverErrors(err: unknown, t: Translate, fields: readonly string[]): Errors {
  if (!(err instanceof ApiError) || err.code === 'network') return { form: t('error.network') };
  const field = err.field?.replace(/^body\./, '');
  if (field) {
    const known = [...fields].sort((a, b) => b.length - a.length).find((f) => field === f || field.startsWith(`${f}.`));
    if (known) return { [known]: err.message };
  }
  return { form: t('error.generic', { message: err.message }) };
}

/** The form-level message (role=alert), if any. */
export function FormError({ errors }: { errors: Errors }) {
  return errors.form ? (
    <p className="form-error" role="alert">
      {errors.form}
    </p>
  ) : null;
}

/** A labelled textarea with its error tied to it, like login/Field for inputs. */
export function TextAreaField({ label, error, ...area }: { label: string; error?: string | undefined } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...area} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes (languages, categories, members) with one error for the group. */
export function CheckboxGroup({ legend, options, value, onChange, error }: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange(next: string[]): void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset className="checkbox-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />{' '}
          {o.label}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Loading and error states of an admin list, around its content. */
export function Loadable({ error, loading, t, retry, children }: { error: ApiError | null; loading: boolean; t: Translate; retry(): void; children: ReactNode }) {
  if (error) {
    return (
      <div>
        <p className="form-error" role="alert">
          {error.code === 'network' ? t('error.network') : t('error.generic', { message: error.message })}
        </p>
        <button type="button" onClick={retry}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  if (loading) return <p className="page-loading" aria-busy="true">{t('app.loading')}</p>;
  return <>{children}</>;
}

/** An admin list as a table: a labelled table, its column headings, then the rows. */
export function AdminTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  return (
    <table className="board-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** Save and cancel at the foot of an admin form. */
export function FormActions({ busy, save, busyLabel, cancel, onCancel }: { busy: boolean; save: string; busyLabel: string; cancel?: string; onCancel?(): void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary narrow" disabled={busy}>
        {busy ? busyLabel : save}
      </button>
      {onCancel ? (
        <button type="button" className="link" onClick={onCancel}>
          {cancel}
        </button>
      ) : null}
    </div>
  );
}

/** The form while one item (or a new one) is being edited, else the "New …" button. */
export function EditOrNew<T>({ editing, newLabel, onNew, form }: { editing: T | 'new' | null; newLabel: string; onNew(): void; form(item: T | null): ReactNode }) {
  if (editing) return <>{form(editing === 'new' ? null : editing)}</>;
  return (
    <button type="button" onClick={onNew}>
      {newLabel}
    </button>
  );
}
