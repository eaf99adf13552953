import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Select } from '../shell/Select';
import type { TicketDetail } from '../types';
import type { TicketPatch } from './useTicketPatch';

type Person = { id: string; name: string };
// The server's tag rule (tickets/assignment.ts TAG), checked before sending.
const TAG = /^[a-z0-9\u00c0-\uffff][a-z0-9_\-:\u00c0-\uffff]{0,39}$/;

/**
 * Team, assignee and tags. Colleagues come from the agent list when the server lets this caller
 * read it (supervisors, admins), else from the members of every team, which any agent may read.
 */
export function AssignmentFields({ ticket, myId, patch, editable }: { ticket: TicketDetail; myId: string; patch: TicketPatch; editable: boolean }) {
  const { t } = useI18n();
  const { state } = useSession();
  const listAgents = state.status === 'signedIn' && state.me.abilities.listAgents === true;
  const [teams, setTeams] = useState<(Person & { members?: Person[] })[]>([]);
  const [agents, setAgents] = useState<Person[] | null>(null);
  const [tags, setTags] = useState(ticket.tags.join(' '));
  const [tagError, setTagError] = useState<string | null>(null);
  const tagsId = useId();
  useEffect(() => setTags(ticket.tags.join(' ')), [ticket.tags]);

  useEffect(() => {
    api<{ items: (Person & { members?: Person[] })[] }>('GET', '/api/v1/teams?limit=100').then((r) => setTeams(r.items), () => undefined);
    if (listAgents) api<{ items: (Person & { disabled: boolean })[] }>('GET', '/api/v1/agents?limit=100').then((r) => setAgents(r.items.filter((a) => !a.disabled)), () => undefined);
  }, [listAgents]);

  const people = new Map<string, Person>((agents ?? teams.flatMap((team) => team.members ?? [])).map((p) => [p.id, p]));
  if (ticket.assignee) people.set(ticket.assignee.id, ticket.assignee);
  if (ticket.team && !teams.some((x) => x.id === ticket.team!.id)) teams.push({ ...ticket.team });
  const options = [...people.values()].sort((a, b) => (a.id === myId ? -1 : b.id === myId ? 1 : a.name.localeCompare(b.name)));
  const disabled = !editable || patch.busy;
  const errorOf = (field: string) => (patch.fieldError?.field === field ? patch.fieldError.message : null);

  function saveTags(e: FormEvent) {
    e.preventDefault();
    const next = [...new Set(tags.split(/[\s,]+/).map((x) => x.replace(/^#/, '').toLowerCase()).filter(Boolean))];
    const bad = next.find((x) => !TAG.test(x));
    if (bad) return setTagError(t('fieldsEdit.tagInvalid', { tag: bad }));
    if (next.length > 20) return setTagError(t('fieldsEdit.tagsTooMany'));
    setTagError(null);
    void patch.change({ tags: next });
  }

  const tagProblem = tagError ?? errorOf('tags');
  return (
    <>
      <Select
        label={t('inbox.col.assignee')}
        value={ticket.assignee?.id ?? ''}
        options={[{ value: '', label: t('inbox.unassigned') }, ...options.map((p) => ({ value: p.id, label: p.id === myId ? t('fieldsEdit.me', { name: p.name }) : p.name }))]}
        onChange={(id) => void patch.change({ assigneeId: id || null })}
        any={false}
        disabled={disabled}
      />
      {errorOf('assigneeId') ? <p className="field-error" role="alert">{errorOf('assigneeId')}</p> : null}
      {editable && ticket.assignee?.id !== myId ? (
        <button type="button" disabled={disabled} onClick={() => void patch.change({ assigneeId: myId })}>
          {t('ticket.assignToMe')}
        </button>
      ) : null}
      <Select
        label={t('fieldsEdit.team')}
        value={ticket.team?.id ?? ''}
        options={[{ value: '', label: t('fieldsEdit.noTeam') }, ...teams.map((x) => ({ value: x.id, label: x.name }))]}
        onChange={(id) => void patch.change({ teamId: id || null })}
        any={false}
        disabled={disabled}
      />
      {errorOf('teamId') ? <p className="field-error" role="alert">{errorOf('teamId')}</p> : null}
      <form className="field tags-field" onSubmit={saveTags} noValidate>
        <label htmlFor={tagsId}>{t('fieldsEdit.tags')}</label>
        <input id={tagsId} value={tags} disabled={!editable} onChange={(e) => setTags(e.target.value)} aria-invalid={tagProblem ? true : undefined} aria-describedby={tagProblem ? `${tagsId}-error` : undefined} />
        {tagProblem ? <p className="field-error" id={`${tagsId}-error`} role="alert">{tagProblem}</p> : null}
        {editable ? <button type="submit" disabled={disabled}>{t('fieldsEdit.saveTags')}</button> : null}
      </form>
    </>
  );
}
