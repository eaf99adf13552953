import { useState, type FormEvent } from 'react';
import { api, ApiError, setCsrfToken } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { LoginResult } from '../types';
import { errorsFrom, type FieldErrors } from './errors';
import { Field } from './Field';
import { RecoveryCodes, SecondFactorForm } from './SecondFactor';

type Step = { kind: 'password' } | { kind: 'totp' } | { kind: 'enrol'; secret: string; uri: string } | { kind: 'recovery'; codes: string[] };
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Sign-in: password, then the second factor the server asks for — a TOTP or recovery code, or
 * enrolment when the role requires two-factor and the agent has none yet.
 */
export function LoginPage({ notice }: { notice?: MessageKey | undefined }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submitPassword(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!email.trim()) local.email = t('login.emailRequired');
    else if (!EMAIL.test(email.trim())) local.email = t('login.emailInvalid');
    if (!password) local.password = t('login.passwordRequired');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const result = await api<LoginResult>('POST', '/api/v1/auth/login', { email: email.trim(), password });
      setCsrfToken(result.csrfToken);
      setPassword('');
      if (result.stage === 'full') await refresh();
      else if (result.stage === 'totp_required') setStep({ kind: 'totp' });
      else {
        const setup = await api<{ secret: string; otpauthUri: string }>('POST', '/api/v1/auth/2fa/setup');
        setStep({ kind: 'enrol', secret: setup.secret, uri: setup.otpauthUri });
      }
    } catch (err) {
      setErrors(err instanceof ApiError && err.code === 'unauthenticated' ? { form: t('login.badCredentials') } : errorsFrom(err, t, { email: 'login.emailInvalid' }));
    } finally {
      setBusy(false);
    }
  }

  const startOver = () => {
    setStep({ kind: 'password' });
    setErrors({});
  };

  return (
    <main className="login">
      <div className="login-card">
        <p className="brand">{t('app.name')}</p>
        {step.kind === 'password' ? (
          <form onSubmit={submitPassword} noValidate aria-labelledby="login-title">
            <h1 id="login-title">{t('login.title')}</h1>
            {notice && !errors.form ? <p className="notice" role="status">{t(notice)}</p> : null}
            {errors.form ? <p className="form-error" role="alert">{errors.form}</p> : null}
            <Field label={t('login.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
            <Field label={t('login.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        ) : step.kind === 'recovery' ? (
          <RecoveryCodes codes={step.codes} onDone={() => void refresh()} />
        ) : (
          <SecondFactorForm
            enrol={step.kind === 'enrol' ? { secret: step.secret, uri: step.uri } : null}
            onDone={(codes) => (codes ? setStep({ kind: 'recovery', codes }) : void refresh())}
            onStartOver={startOver}
          />
        )}
      </div>
    </main>
  );
}
