import { lazy, Suspense } from 'react';
import { I18nProvider, useI18n } from './i18n';
import { InboxPage } from './inbox/InboxPage';
import { LoginPage } from './login/LoginPage';
import { ConnectionBanner, LiveProvider } from './realtime/LiveProvider';
import { useLocation } from './router';
import { SessionProvider, useSession } from './session';
import { AreasProvider } from './shell/areas';
import { AvailabilityProvider } from './shell/Availability';
import { Header, LanguageSwitcher } from './shell/Header';

// The workspace, chats and the board load when first opened: the inbox route's initial JS stays the inbox's.
const TicketPage = lazy(() => import('./ticket/TicketPage').then((m) => ({ default: m.TicketPage })));
const ChatsPage = lazy(() => import('./chats/ChatsPage').then((m) => ({ default: m.ChatsPage })));
const ChatPage = lazy(() => import('./chats/ChatPage').then((m) => ({ default: m.ChatPage })));
const SupervisorPage = lazy(() => import('./supervisor/SupervisorPage').then((m) => ({ default: m.SupervisorPage })));
const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const CallbacksPage = lazy(() => import('./calls/CallbacksPage').then((m) => ({ default: m.CallbacksPage })));

function Route({ path, query }: { path: string; query: URLSearchParams }) {
  const ticketNumber = /^\/tickets\/([^/]+)$/.exec(path)?.[1];
  if (ticketNumber) return <TicketPage key={ticketNumber} number={decodeURIComponent(ticketNumber)} />;
  const chatNumber = /^\/chats\/([^/]+)$/.exec(path)?.[1];
  if (chatNumber) return <ChatPage key={chatNumber} number={decodeURIComponent(chatNumber)} />;
  if (path === '/chats') return <ChatsPage />;
  if (path === '/supervisor') return <SupervisorPage />;
  if (path === '/callbacks') return <CallbacksPage />;
  if (path === '/admin' || path.startsWith('/admin/')) return <AdminPage path={path} />;
  return <InboxPage params={query} />;
}

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
  return (
    <LiveProvider>
      <AvailabilityProvider>
        <AreasProvider>
          <Header />
          <ConnectionBanner />
          <main className="workspace">
            <Suspense fallback={<p className="page-loading" aria-busy="true">{t('app.loading')}</p>}>
              <Route path={path} query={query} />
            </Suspense>
          </main>
        </AreasProvider>
      </AvailabilityProvider>
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
