import { useI18n } from '../i18n';
import { AdminTable, EditOrNew, Loadable } from './fields';
import { TeamForm, languageName } from './TeamForm';
import type { AdminAgent, Team } from './types';
import { allPages, useResource } from './useResource';
import { useEditing } from './useEditing';

/** Teams: languages and categories they answer, business hours, members. */
export function TeamsAdmin({ canListAgents }: { canListAgents: boolean }) {
  const { t, label, locale } = useI18n();
  const teams = useResource<{ items: Team[] }>('/api/v1/teams?limit=100', allPages);
  // Supervisors cannot list agents (admins only): they pick from each team's current members.
  const agents = useResource<{ items: AdminAgent[] }>(canListAgents ? '/api/v1/agents?limit=100' : null, allPages);
  const editor = useEditing<Team>();
  const saved = editor.saved;

  const known = new Map<string, string>();
  for (const team of teams.data?.items ?? []) for (const m of team.members) known.set(m.id, m.name);
  for (const a of agents.data?.items ?? []) if (!a.disabled) known.set(a.id, a.name);
  const people = [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  const any = t('teams.any');

  return (
    <div>
      <h1>{t('admin.teams')}</h1>
      {saved ? <p className="notice" role="status">{t('teams.saved', { name: saved })}</p> : null}
      <EditOrNew
        editing={editor.editing}
        newLabel={t('teams.new')}
        onNew={editor.startNew}
        form={(team) => <TeamForm team={team} people={people} onCancel={editor.cancel} onSaved={(s) => editor.done(s.name, teams.reload)} />}
      />
      <Loadable error={teams.error} loading={teams.loading} t={t} retry={teams.reload}>
        <AdminTable label={t('admin.teams')} columns={[t('teams.name'), t('teams.languages'), t('teams.categories'), t('teams.hours'), t('teams.members'), t('board.col.actions')]}>
            {teams.data?.items.map((team) => (
              <tr key={team.id}>
                <th scope="row">{team.name}</th>
                <td>{team.languages.length ? team.languages.map((l) => languageName(l, locale)).join(', ') : any}</td>
                <td>{team.categories.length ? team.categories.map((c) => label('category', c)).join(', ') : any}</td>
                <td>{team.hours ? t('teams.hoursIn', { timezone: team.hours.timezone, windows: team.hours.days.length }) : t('teams.always')}</td>
                <td>{team.members.map((m) => m.name).join(', ') || '—'}</td>
                <td>
                  <button type="button" onClick={() => editor.edit(team)} aria-label={t('teams.editNamed', { name: team.name })}>
                    {t('teams.edit')}
                  </button>
                </td>
              </tr>
            ))}
        </AdminTable>
      </Loadable>
    </div>
  );
}
