import { useEffect, useId, useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';

const TAG = /^[a-z0-9\u00c0-\uffff][a-z0-9_\-:\u00c0-\uffff]{0,39}$/;
const settable = ['open', 'pending', 'on_hold', 'solved'];
type Result = { id: string; ok: true; number: string } | { id: string; ok: false; error: { code: string; message: string } };
type Changes = { assigneeId: string | null } | { status: string } | { addTags: string[] };

/**
 * One change to every selected ticket (POST /api/v1/tickets/bulk): assign, set a status, add a
 * tag. Each ticket changes on its own, so the answer can be partly refused: the refused ones
 * are named with the server's reason. The selection stays for the next action.
 */
export function BulkBar({ ids, numberOf, onDone, onClear }: { ids: string[]; numberOf(id: string): string; onDone(changed: string[]): void; onClear(): void }) {
  const { t, label } = useI18n();
  const { state } = useSession();
  const id = useId();
  const myId = state.status === 'signedIn' ? state.me.agent.id : '';
  const [assignee, setAssignee] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const [tagError, setTagError] = useState<string | null>(null);
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ updated: number; failures: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Colleagues to assign to: members of every team (a directory every agent may read).
  useEffect(() => {
    api<{ items: { members?: { id: string; name: string }[] }[] }>('GET', '/api/v1/teams?limit=100').then(
      (r) => {
        const byId = new Map(r.items.flatMap((team) => team.members ?? []).map((m) => [m.id, m]));
        byId.delete(myId);
        setPeople([...byId.values()].sort((a, b) => a.name.localeCompare(b.name)));
      },
      () => undefined,
    );
  }, [myId]);

  async function apply(changes: Changes, field?: 'tag') {
    setBusy(true);
    setError(null);
    setTagError(null);
    setOutcome(null);
    try {
      const r = await api<{ results: Result[]; updated: number }>('POST', '/api/v1/tickets/bulk', { ticketIds: ids, changes });
      const failed = r.results.filter((x): x is Extract<Result, { ok: false }> => !x.ok);
      setOutcome({ updated: r.updated, failures: failed.map((f) => `${numberOf(f.id)}: ${f.error.message}`) });
      onDone(r.results.filter((x) => x.ok).map((x) => x.id));
      if (field === 'tag' && !failed.length) setTag('');
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      const message = !e || e.code === 'network' ? t('error.network') : e.message;
      if (field === 'tag' && e?.field?.startsWith('changes.addTags')) setTagError(message);
      else setError(message);
    } finally {
      setBusy(false);
    }
  }

  function addTag() {
    const value = tag.trim().toLowerCase();
    if (!TAG.test(value)) return setTagError(t('bulk.tagInvalid'));
    void apply({ addTags: [value] }, 'tag');
  }

  return (
    <section className="bulk-bar" aria-label={t('bulk.title')}>
      <p role="status" className="bulk-count">
        {t('bulk.selected', { count: ids.length })}{' '}
        <button type="button" className="link" onClick={onClear}>
          {t('bulk.clear')}
        </button>
      </p>
      <div className="bulk-action">
        <label htmlFor={`${id}-assign`}>{t('bulk.assignTo')}</label>
        <select id={`${id}-assign`} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          <option value="">{t('bulk.choose')}</option>
          <option value={myId}>{t('bulk.me')}</option>
          <option value="nobody">{t('bulk.nobody')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || !assignee} onClick={() => void apply({ assigneeId: assignee === 'nobody' ? null : assignee })}>
          {t('bulk.assign')}
        </button>
      </div>
      <div className="bulk-action">
        <label htmlFor={`${id}-status`}>{t('bulk.setStatus')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('bulk.choose')}</option>
          {settable.map((s) => (
            <option key={s} value={s}>
              {label('status', s)}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || !status} onClick={() => void apply({ status })}>
          {t('bulk.applyStatus')}
        </button>
      </div>
      <div className="bulk-action">
        <label htmlFor={`${id}-tag`}>{t('bulk.tag')}</label>
        <input
          id={`${id}-tag`}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && addTag()}
          aria-invalid={tagError ? true : undefined}
          aria-describedby={tagError ? `${id}-tag-error` : undefined}
        />
        <button type="button" disabled={busy} onClick={addTag}>
          {t('bulk.addTag')}
        </button>
        {tagError ? (
          <span className="field-error" id={`${id}-tag-error`}>
            {tagError}
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {outcome ? (
        <div className={outcome.failures.length ? 'notice' : 'bulk-done'} role="status">
          {t('bulk.done', { updated: outcome.updated })}
          {outcome.failures.length ? (
            <ul>
              {outcome.failures.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
