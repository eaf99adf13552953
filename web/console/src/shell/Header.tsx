import { useId, useState } from 'react';
import { isLocale, localeNames, locales, useI18n } from '../i18n';
import { lastInboxUrl } from '../inbox/query';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';
import { useAreas } from './areas';
import { AvailabilitySwitch, useRoutingAbilities } from './Availability';

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
  const routing = useRoutingAbilities();
  const areas = useAreas();
  const admin = areas ? Object.entries(areas).some(([area, allowed]) => area !== 'callbacks' && allowed) : false;
  const link = (to: string, text: string, current: boolean) => (
    <a
      href={`/console${to}`}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {text}
    </a>
  );
  const section = path.startsWith('/chats') ? 'chats' : path.startsWith('/supervisor') ? 'supervisor' : path.startsWith('/callbacks') ? 'callbacks' : path.startsWith('/admin') ? 'admin' : path.startsWith('/tickets/') ? 'ticket' : 'inbox';
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('app.mainNav')}>
        {link(lastInboxUrl(), t('app.inbox'), section === 'inbox')}
        {link('/chats', t('app.chats'), section === 'chats')}
        {areas?.callbacks ? link('/callbacks', t('app.callbacks'), section === 'callbacks') : null}
        {routing?.viewAllQueues ? link('/supervisor', t('app.supervisor'), section === 'supervisor') : null}
        {admin ? link('/admin', t('app.admin'), section === 'admin') : null}
      </nav>
      <div className="topbar-end">
        <AvailabilitySwitch />
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
