import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { TransferTargets } from '../types';

type Field = 'agentId' | 'teamId';

/**
 * Hand a chat to another agent (online with a free slot: others are listed but cannot be
 * chosen) or to a team (routed by its rule: assigned, queued or left as a message). The
 * targets and who may transfer come from the server; its field errors show under the field.
 */
export function TransferForm({ number, onDone }: { number: string; onDone(outcome: string): void }) {
  const { t, label } = useI18n();
  const id = useId();
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [agentId, setAgentId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ctl = new AbortController();
    api<TransferTargets>('GET', `/api/v1/chats/${encodeURIComponent(number)}/transfer-targets`, undefined, ctl.signal).then(setTargets, (err: unknown) => {
      if (ctl.signal.aborted) return;
      setLoadError(err instanceof ApiError && err.code !== 'network' ? err.message : t('error.network'));
    });
    return () => ctl.abort();
  }, [number, t]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!agentId && !teamId) return setErrors({ agentId: t('transfer.pickOne') });
    if (agentId && teamId) return setErrors({ teamId: t('transfer.notBoth') });
    setBusy(true);
    setErrors({});
    try {
      const res = await api<{ outcome: { state: string } }>('POST', `/api/v1/chats/${encodeURIComponent(number)}/transfer`, agentId ? { agentId } : { teamId });
      onDone(res.outcome.state);
    } catch (err) {
      const ae = err instanceof ApiError ? err : null;
      const message = !ae || ae.code === 'network' ? t('error.network') : ae.message;
      setErrors(ae?.field === 'agentId' || ae?.field === 'teamId' ? { [ae.field]: message } : { form: message });
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <p className="form-error" role="alert">{loadError}</p>;
  if (!targets) return <p className="help" aria-busy="true">{t('app.loading')}</p>;
  const fieldError = (f: Field) =>
    errors[f] ? (
      <p className="field-error" id={`${id}-${f}-error`}>
        {errors[f]}
      </p>
    ) : null;
  const described = (f: Field) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${f}-error` } : {});

  return (
    <form className="transfer-form" onSubmit={submit} noValidate aria-label={t('transfer.title')}>
      <div className="field">
        <label htmlFor={`${id}-agent`}>{t('transfer.toAgent')}</label>
        <select id={`${id}-agent`} value={agentId} onChange={(e) => setAgentId(e.target.value)} {...described('agentId')}>
          <option value="">{t('transfer.noAgent')}</option>
          {targets.agents.map((a) => (
            <option key={a.id} value={a.id} disabled={!a.available}>
              {t('transfer.agentOption', { name: a.name, status: label('presence', a.status), active: a.activeChats, max: a.maxChats })}
            </option>
          ))}
        </select>
        {fieldError('agentId')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-team`}>{t('transfer.toTeam')}</label>
        <select id={`${id}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)} {...described('teamId')}>
          <option value="">{t('transfer.noTeam')}</option>
          {targets.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        {fieldError('teamId')}
      </div>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? t('transfer.transferring') : t('transfer.submit')}
      </button>
    </form>
  );
}
