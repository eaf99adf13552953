import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { FormActions, FormError, serverErrors, type Errors } from '../admin/fields';
import { useI18n } from '../i18n';
import { Field } from '../login/Field';
import { Select } from '../shell/Select';

export interface Intent {
  id: string;
  name: string;
  title: Record<string, string>;
  category: string | null;
  examples: Record<string, string[]>;
  exampleCount: number;
}

const exampleLocales = ['zh-CN', 'en', 'ko'];

/** An intent's examples per language (shown as text) and a form adding one; the model learns it at the next training. */
export function IntentExamples({ intent, onSaved }: { intent: Intent; onSaved(): void }) {
  const { t } = useI18n();
  const [locale, setLocale] = useState('zh-CN');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const example = text.trim();
    const existing = intent.examples[locale] ?? [];
    if (!example) return setErrors({ example: t('bot.exampleRequired') });
    if (example.length > 300) return setErrors({ example: t('bot.exampleTooLong') });
    if (existing.includes(example)) return setErrors({ example: t('bot.exampleDuplicate') });
    setBusy(true);
    setErrors({});
    try {
      // Examples replace: send every language's list with the new one added.
      await api('PATCH', `/api/v1/bot/intents/${encodeURIComponent(intent.name)}`, { examples: { ...intent.examples, [locale]: [...existing, example] } });
      setText('');
      onSaved();
    } catch (err) {
      const mapped = serverErrors(err, t, ['examples']);
      setErrors(mapped.examples ? { example: mapped.examples } : mapped);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="intent-examples">
      {Object.entries(intent.examples).map(([l, list]) => (
        <div key={l}>
          <strong>{l}</strong>
          <ul lang={l}>
            {list.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      ))}
      <form className="admin-form" onSubmit={submit} noValidate aria-label={t('bot.addExampleTo', { name: intent.name })}>
        <FormError errors={errors} />
        <div className="form-row">
          <Select label={t('filter.language')} value={locale} any={false} options={exampleLocales.map((l) => ({ value: l, label: l }))} onChange={setLocale} />
          <Field label={t('bot.example')} value={text} lang={locale} onChange={(e) => setText(e.target.value)} error={errors.example} />
        </div>
        <FormActions busy={busy} save={t('bot.addExample')} busyLabel={t('ticket.saving')} />
      </form>
    </div>
  );
}
