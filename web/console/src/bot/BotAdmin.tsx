import { useState } from 'react';
import { api } from '../api';
import { AdminTable, Loadable, serverErrors } from '../admin/fields';
import { allPages, useResource } from '../admin/useResource';
import { useI18n } from '../i18n';
import { FlowEditor, type Flow } from './FlowEditor';
import { IntentExamples, type Intent } from './IntentExamples';

interface ModelInfo {
  model: { createdAt: string; examples: number; intents: number; foldAccuracy?: number } | null;
  current: boolean;
}

/** Bot intents with their examples (add, then retrain) and guided flows (JSON, checked by the server). */
export function BotAdmin() {
  const { t, locale } = useI18n();
  const intents = useResource<{ items: Intent[] }>('/api/v1/bot/intents?limit=100', allPages);
  const flows = useResource<{ items: Flow[] }>('/api/v1/bot/flows?limit=100', allPages);
  const model = useResource<ModelInfo>('/api/v1/bot/model');
  const [open, setOpen] = useState<string | null>(null);
  const [flow, setFlow] = useState<string | null>(null);
  const [training, setTraining] = useState(false);
  const [trainError, setTrainError] = useState<string | null>(null);

  async function train() {
    setTraining(true);
    setTrainError(null);
    try {
      await api('POST', '/api/v1/bot/train', { force: false });
      model.reload();
    } catch (err) {
      setTrainError(serverErrors(err, t, []).form ?? null);
    } finally {
      setTraining(false);
    }
  }

  const m = model.data;
  return (
    <div>
      <h1>{t('admin.bot')}</h1>
      <section aria-labelledby="bot-model">
        <h2 id="bot-model">{t('bot.model')}</h2>
        <p role="status">
          {!m ? t('app.loading') : !m.model ? t('bot.noModel') : t('bot.modelInfo', { date: new Date(m.model.createdAt).toLocaleString(locale), examples: m.model.examples, intents: m.model.intents })}
          {m?.model ? ` · ${m.current ? t('bot.current') : t('bot.stale')}` : ''}
        </p>
        {trainError ? <p className="form-error" role="alert">{trainError}</p> : null}
        <button type="button" disabled={training} onClick={() => void train()}>
          {training ? t('bot.training') : t('bot.retrain')}
        </button>
      </section>
      <section aria-labelledby="bot-intents">
        <h2 id="bot-intents">{t('bot.intents')}</h2>
        <Loadable error={intents.error} loading={intents.loading} t={t} retry={intents.reload}>
          <AdminTable label={t('bot.intents')} columns={[t('bot.intent'), t('filter.category'), t('bot.examples'), t('board.col.actions')]}>
            {intents.data?.items.map((intent) => (
              <tr key={intent.id}>
                <th scope="row">
                  {intent.title[locale] ?? intent.title.en ?? intent.name} <span className="help">({intent.name})</span>
                  {open === intent.name ? <IntentExamples intent={intent} onSaved={() => { intents.reload(); model.reload(); }} /> : null}
                </th>
                <td>{intent.category ?? '—'}</td>
                <td>{intent.exampleCount}</td>
                <td>
                  <button type="button" onClick={() => setOpen(open === intent.name ? null : intent.name)} aria-expanded={open === intent.name} aria-label={t('bot.examplesOf', { name: intent.name })}>
                    {t('bot.examples')}
                  </button>
                </td>
              </tr>
            ))}
          </AdminTable>
        </Loadable>
      </section>
      <section aria-labelledby="bot-flows">
        <h2 id="bot-flows">{t('bot.flows')}</h2>
        <Loadable error={flows.error} loading={flows.loading} t={t} retry={flows.reload}>
          <ul className="flow-list">
            {flows.data?.items.map((f) => (
              <li key={f.slug}>
                <button type="button" className="link" onClick={() => setFlow(flow === f.slug ? null : f.slug)} aria-expanded={flow === f.slug}>
                  {f.slug}
                </button>{' '}
                {f.valid ? null : <span className="badge">{t('bot.invalid')}</span>}
                {flow === f.slug ? <FlowEditor flow={f} onSaved={flows.reload} /> : null}
              </li>
            ))}
          </ul>
        </Loadable>
      </section>
    </div>
  );
}
