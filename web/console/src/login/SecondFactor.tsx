import { useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../api';
import { useI18n } from '../i18n';
import { Field } from './Field';
import { errorsFrom, type FieldErrors } from './errors';

const TOTP = /^\d{6}$/;
const RECOVERY = /^[A-Za-z0-9-]{8,32}$/;

/**
 * The second step: a code for an enrolled agent, or enrolment (setup key + first code) for a role
 * that must use two-factor. Enrolment answers with recovery codes, shown once.
 */
export function SecondFactorForm({ enrol, onDone, onStartOver }: {
  enrol: { secret: string; uri: string } | null;
  onDone(recoveryCodes?: string[]): void;
  onStartOver(): void;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = code.replace(/\s+/g, '');
    const valid = enrol ? TOTP.test(value) : TOTP.test(value) || RECOVERY.test(value);
    const local: FieldErrors = !value ? { code: t('login.codeRequired') } : valid ? {} : { code: t('login.codeFormat') };
    setErrors(local);
    if (local.code) return;
    setBusy(true);
    try {
      if (enrol) {
        const res = await api<{ recoveryCodes: string[]; csrfToken: string }>('POST', '/api/v1/auth/2fa/enable', { code: value });
        setCsrfToken(res.csrfToken);
        onDone(res.recoveryCodes);
      } else {
        const res = await api<{ csrfToken: string }>('POST', '/api/v1/auth/login/totp', { code: value });
        setCsrfToken(res.csrfToken);
        onDone();
      }
    } catch (err) {
      setErrors(errorsFrom(err, t, { code: 'login.codeWrong' }));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="second-factor-title">
      <h1 id="second-factor-title">{enrol ? t('login.enrolTitle') : t('login.totpTitle')}</h1>
      <p className="help">{enrol ? t('login.enrolHelp') : t('login.totpHelp')}</p>
      {enrol ? (
        <div className="enrol">
          <p>
            {t('login.enrolKey')}: <code aria-label={t('login.enrolKey')}>{enrol.secret}</code>
          </p>
          <p>
            <a href={enrol.uri}>{t('login.enrolLink')}</a>
          </p>
        </div>
      ) : null}
      {errors.form ? <p className="form-error" role="alert">{errors.form}</p> : null}
      <Field
        label={t('login.code')}
        inputMode={enrol ? 'numeric' : 'text'}
        autoComplete="one-time-code"
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={errors.code}
      />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('login.verifying') : enrol ? t('login.enrolSubmit') : t('login.verify')}
      </button>
      <button type="button" className="link" onClick={onStartOver}>
        {t('login.startOver')}
      </button>
    </form>
  );
}

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t('login.recoveryTitle')}</h1>
      <p className="help">{t('login.recoveryHelp')}</p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onDone}>
        {t('login.continue')}
      </button>
    </section>
  );
}
