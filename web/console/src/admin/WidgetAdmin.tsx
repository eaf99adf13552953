import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { localeNames, useI18n } from '../i18n';
import { Select } from '../shell/Select';
import { FormError, Loadable, serverErrors, TextAreaField, type Errors } from './fields';
import { useResource } from './useResource';

interface WidgetSettings {
  colours: { primary: string; onPrimary: string };
  greeting: Partial<Record<'zh-CN' | 'en' | 'ko', string>>;
  identity: { algorithm: string; source: string; fingerprint: string } | null;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const greetingLocales = ['zh-CN', 'en', 'ko'] as const;
const fields = ['colours.primary', 'colours.onPrimary', 'greeting.zh-CN', 'greeting.en', 'greeting.ko', 'identity.key', 'identity'];

/** The chat widget: colours, greeting per language, and the key that verifies the exchange's identity tokens. */
export function WidgetAdmin() {
  const { t } = useI18n();
  const settings = useResource<WidgetSettings>('/api/v1/chat/settings');
  const [colours, setColours] = useState({ primary: '#1a5fd6', onPrimary: '#ffffff' });
  const [greeting, setGreeting] = useState<WidgetSettings['greeting']>({});
  const [algorithm, setAlgorithm] = useState('HS256');
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setColours(settings.data.colours);
    setGreeting(settings.data.greeting);
  }, [settings.data]);

  async function save(body: Record<string, unknown>) {
    setBusy(true);
    setSaved(false);
    try {
      await api('PUT', '/api/v1/chat/settings', body);
      setSaved(true);
      setKey('');
      settings.reload();
    } catch (err) {
      setErrors(serverErrors(err, t, fields));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    for (const k of ['primary', 'onPrimary'] as const) if (!COLOUR.test(colours[k])) found[`colours.${k}`] = t('widget.colourInvalid');
    for (const l of greetingLocales) if ((greeting[l] ?? '').length > 500) found[`greeting.${l}`] = t('widget.greetingTooLong');
    if (key.trim() && algorithm === 'HS256' && key.trim().length < 32) found['identity.key'] = t('widget.secretShort');
    setErrors(found);
    if (Object.keys(found).length) return;
    const allGreetings = Object.fromEntries(greetingLocales.map((l) => [l, (greeting[l] ?? '').trim()]));
    void save({ colours, greeting: allGreetings, ...(key.trim() ? { identity: { algorithm, key: key.trim() } } : {}) });
  }

  const current = settings.data?.identity;
  return (
    <div>
      <h1>{t('admin.widget')}</h1>
      <Loadable error={settings.error} loading={settings.loading} t={t} retry={settings.reload}>
        <form className="admin-form" onSubmit={submit} noValidate aria-label={t('admin.widget')}>
          {saved ? <p className="notice" role="status">{t('widget.saved')}</p> : null}
          <FormError errors={errors} />
          <fieldset>
            <legend>{t('widget.colours')}</legend>
            <div className="form-row">
              {(['primary', 'onPrimary'] as const).map((k) => (
                <div className="field" key={k}>
                  <label htmlFor={`colour-${k}`}>{t(k === 'primary' ? 'widget.primary' : 'widget.onPrimary')}</label>
                  <input id={`colour-${k}`} type="color" value={colours[k]} onChange={(e) => setColours({ ...colours, [k]: e.target.value })} aria-invalid={errors[`colours.${k}`] ? true : undefined} />
                  {errors[`colours.${k}`] ? <p className="field-error" role="alert">{errors[`colours.${k}`]}</p> : null}
                </div>
              ))}
              <p className="help">{t('widget.contrast', { ratio: contrast(colours.primary, colours.onPrimary).toFixed(1) })}</p>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('widget.greeting')}</legend>
            <p className="help">{t('widget.greetingHelp')}</p>
            {greetingLocales.map((l) => (
              <TextAreaField key={l} lang={l} rows={2} label={t('replies.textIn', { language: localeNames[l] })} value={greeting[l] ?? ''} onChange={(e) => setGreeting({ ...greeting, [l]: e.target.value })} error={errors[`greeting.${l}`]} />
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('widget.identity')}</legend>
            <p className="help">{t('widget.identityHelp')}</p>
            <p role="status">
              {current ? t('widget.identityCurrent', { algorithm: current.algorithm, fingerprint: current.fingerprint, source: current.source }) : t('widget.identityNone')}
            </p>
            <Select label={t('widget.algorithm')} value={algorithm} any={false} options={['HS256', 'RS256', 'ES256'].map((a) => ({ value: a, label: a }))} onChange={setAlgorithm} />
            <TextAreaField label={algorithm === 'HS256' ? t('widget.secret') : t('widget.publicKey')} rows={3} value={key} autoComplete="off" spellCheck={false} onChange={(e) => setKey(e.target.value)} error={errors['identity.key'] ?? errors.identity} />
            {current?.source === 'settings' ? (
              <button type="button" disabled={busy} onClick={() => void save({ identity: null })}>
                {t('widget.removeKey')}
              </button>
            ) : null}
          </fieldset>
          <button type="submit" className="primary narrow" disabled={busy}>
            {busy ? t('ticket.saving') : t('widget.save')}
          </button>
        </form>
      </Loadable>
    </div>
  );
}

/** WCAG contrast ratio of two #rrggbb colours, so the admin sees when text on the launcher is hard to read. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  if (!COLOUR.test(a) || !COLOUR.test(b)) return 1;
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
