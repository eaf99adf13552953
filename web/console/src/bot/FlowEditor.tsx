import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { FormActions, FormError, TextAreaField, type Errors } from '../admin/fields';
import { useI18n } from '../i18n';

export interface Flow {
  slug: string;
  enabled: boolean;
  definition: unknown;
  valid: boolean;
}

/** A flow's definition as JSON; the server validates it and its refusal names the path (definition.steps.x.next). */
export function FlowEditor({ flow, onSaved }: { flow: Flow; onSaved(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(flow.definition, null, 2));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (err) {
      return setErrors({ definition: t('bot.jsonInvalid', { detail: err instanceof Error ? err.message : '' }) });
    }
    setBusy(true);
    setErrors({});
    try {
      await api('PUT', `/api/v1/bot/flows/${encodeURIComponent(flow.slug)}`, { definition });
      setSaved(true);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.code !== 'network') {
        setErrors({ definition: err.field ? t('bot.flowError', { path: err.field, message: err.message }) : err.message });
      } else setErrors({ form: t('error.network') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t('bot.editFlow', { slug: flow.slug })}>
      {saved ? <p className="notice" role="status">{t('bot.flowSaved')}</p> : null}
      <FormError errors={errors} />
      <TextAreaField label={t('bot.definition')} rows={18} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} error={errors.definition} />
      <FormActions busy={busy} save={t('bot.saveFlow')} busyLabel={t('ticket.saving')} />
    </form>
  );
}
