import { useId, useState } from 'react';
import { isLocale, localeNames, locales, useI18n } from '../i18n';
import { lastInboxUrl } from '../inbox/query';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

export function LanguageSwitcher() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Header() {
  const { t } = useI18n();
  const { state, signOut } = useSession();
  const [leaving, setLeaving] = useState(false);
  const { path } = useLocation();
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('app.mainNav')}>
        <a
          href={`/console${lastInboxUrl()}`}
          aria-current={path.startsWith('/tickets/') ? undefined : 'page'}
          onClick={(e) => {
            e.preventDefault();
            navigate(lastInboxUrl());
          }}
        >
          {t('app.inbox')}
        </a>
      </nav>
      <div className="topbar-end">
        <LanguageSwitcher />
        {state.status === 'signedIn' ? (
          <>
            <span className="whoami">{state.me.agent.name}</span>
            <button
              type="button"
              disabled={leaving}
              onClick={() => {
                setLeaving(true);
                void signOut().finally(() => setLeaving(false));
              }}
            >
              {leaving ? t('app.signingOut') : t('app.signOut')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}
