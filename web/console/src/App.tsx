import { lazy, Suspense } from 'react';
import { I18nProvider, useI18n } from './i18n';
import { InboxPage } from './inbox/InboxPage';
import { LoginPage } from './login/LoginPage';
import { ConnectionBanner, LiveProvider } from './realtime/LiveProvider';
import { useLocation } from './router';
import { SessionProvider, useSession } from './session';
import { Header, LanguageSwitcher } from './shell/Header';

// The workspace loads when first opened: the inbox route's initial JS stays the inbox's.
const TicketPage = lazy(() => import('./ticket/TicketPage').then((m) => ({ default: m.TicketPage })));

function Screens() {
  const { state, refresh } = useSession();
  const { t } = useI18n();
  const { path, query } = useLocation();
  if (state.status === 'loading') return <p className="page-loading" aria-busy="true">{t('app.loading')}</p>;
  if (state.status === 'error') {
    return (
      <main className="login">
        <p className="form-error" role="alert">
          {state.error.code === 'network' ? t('error.network') : t('error.generic', { message: state.error.message })}
        </p>
        <button type="button" onClick={() => void refresh()}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (state.status === 'signedOut') {
    return (
      <>
        <div className="login-language">
          <LanguageSwitcher />
        </div>
        <LoginPage notice={state.notice} />
      </>
    );
  }
  const ticketNumber = /^\/tickets\/([^/]+)$/.exec(path)?.[1];
  return (
    <LiveProvider>
      <Header />
      <ConnectionBanner />
      <main className="workspace">
        {ticketNumber ? (
          <Suspense fallback={<p className="page-loading" aria-busy="true">{t('app.loading')}</p>}>
            <TicketPage key={ticketNumber} number={decodeURIComponent(ticketNumber)} />
          </Suspense>
        ) : (
          <InboxPage params={query} />
        )}
      </main>
    </LiveProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Screens />
      </SessionProvider>
    </I18nProvider>
  );
}
