import { lazy, Suspense, useEffect } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';
import { useAreas, type Areas } from '../shell/areas';

const AgentsAdmin = lazy(() => import('./AgentsAdmin').then((m) => ({ default: m.AgentsAdmin })));
const TeamsAdmin = lazy(() => import('./TeamsAdmin').then((m) => ({ default: m.TeamsAdmin })));
const RepliesAdmin = lazy(() => import('./RepliesAdmin').then((m) => ({ default: m.RepliesAdmin })));
const WidgetAdmin = lazy(() => import('./WidgetAdmin').then((m) => ({ default: m.WidgetAdmin })));
const ContentGaps = lazy(() => import('./ContentGaps').then((m) => ({ default: m.ContentGaps })));
const BotAdmin = lazy(() => import('../bot/BotAdmin').then((m) => ({ default: m.BotAdmin })));
const HelpCenterEditor = lazy(() => import('../helpcenter/HelpCenterEditor').then((m) => ({ default: m.HelpCenterEditor })));

/** The admin sections in menu order, each shown only when the server's areas allow it. */
const sections: { path: string; area: keyof Areas; title: MessageKey }[] = [
  { path: 'agents', area: 'agents', title: 'admin.agents' },
  { path: 'teams', area: 'teams', title: 'admin.teams' },
  { path: 'replies', area: 'replies', title: 'admin.replies' },
  { path: 'help-center', area: 'helpCenter', title: 'admin.helpCenter' },
  { path: 'content-gaps', area: 'contentGaps', title: 'admin.contentGaps' },
  { path: 'bot', area: 'bot', title: 'admin.bot' },
  { path: 'widget', area: 'widget', title: 'admin.widget' },
];

export const allowedSections = (areas: Areas | null) => sections.filter((s) => areas?.[s.area]);

function Section({ path, rest, areas }: { path: string; rest: string; areas: Areas }) {
  // Supervisors who keep teams may read the agent list (identity's listAgents), not manage agents.
  const { state } = useSession();
  const listAgents = areas.agents || (state.status === 'signedIn' && state.me.abilities.listAgents === true);
  if (path === 'agents') return <AgentsAdmin />;
  if (path === 'teams') return <TeamsAdmin canListAgents={listAgents} />;
  if (path === 'replies') return <RepliesAdmin />;
  if (path === 'help-center') return <HelpCenterEditor slug={rest || null} />;
  if (path === 'content-gaps') return <ContentGaps />;
  if (path === 'bot') return <BotAdmin />;
  return <WidgetAdmin />;
}

/** /console/admin/…: the desk's configuration, one section per owning module's API. */
export function AdminPage({ path }: { path: string }) {
  const { t } = useI18n();
  const areas = useAreas();
  const [section = '', ...restParts] = path.replace(/^\/admin\/?/, '').split('/');
  const rest = restParts.map(decodeURIComponent).join('/');
  const allowed = allowedSections(areas);
  const current = allowed.find((s) => s.path === section);

  useEffect(() => {
    if (areas && !current && allowed[0]) navigate(`/admin/${allowed[0].path}`, { replace: true });
  }, [areas, current, allowed]);

  if (!areas) return <p className="page-loading" aria-busy="true">{t('app.loading')}</p>;
  if (!allowed.length) {
    return (
      <p className="form-error" role="alert">
        {t('admin.forbidden')}
      </p>
    );
  }
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t('admin.nav')}>
        <ul>
          {allowed.map((s) => (
            <li key={s.path}>
              <a
                href={`/console/admin/${s.path}`}
                aria-current={s.path === section ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/admin/${s.path}`);
                }}
              >
                {t(s.title)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section className="admin-main">
        <Suspense fallback={<p className="page-loading" aria-busy="true">{t('app.loading')}</p>}>
          {current ? <Section path={current.path} rest={rest} areas={areas} /> : null}
        </Suspense>
      </section>
    </div>
  );
}
