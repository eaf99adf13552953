import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Field } from '../login/Field';
import { BodiesFields, bodyFields, filledBodies, PersonalToggle } from './BodiesFields';
import { FormActions, FormError, serverErrors, type Errors } from './fields';
import type { Bodies, CannedResponse } from './types';

const SHORTCODE = /^[a-z0-9][a-z0-9_-]{1,39}$/;

/** Create or change a canned response (shortcode, title, text per language, shared or personal). */
export function CannedForm({ item, canShare, onSaved, onCancel }: { item: CannedResponse | null; canShare: boolean; onSaved(c: CannedResponse): void; onCancel(): void }) {
  const { t } = useI18n();
  const [shortcode, setShortcode] = useState(item?.shortcode ?? '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [bodies, setBodies] = useState<Bodies>(item?.bodies ?? {});
  const [personal, setPersonal] = useState(item?.personal ?? !canShare);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    const code = shortcode.trim().toLowerCase();
    if (!SHORTCODE.test(code)) found.shortcode = t('replies.shortcodeInvalid');
    if (!title.trim()) found.title = t('replies.titleRequired');
    const text = filledBodies(bodies);
    if (!text) found.bodies = t('replies.textRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const body = { shortcode: code, title: title.trim(), bodies: text };
      const r = item
        ? await api<{ cannedResponse: CannedResponse }>('PATCH', `/api/v1/canned-responses/${item.id}`, body)
        : await api<{ cannedResponse: CannedResponse }>('POST', '/api/v1/canned-responses', { ...body, personal });
      onSaved(r.cannedResponse);
    } catch (err) {
      setErrors(serverErrors(err, t, ['shortcode', 'title', 'personal', ...bodyFields]));
    } finally {
      setBusy(false);
    }
  }

  const name = item ? t('replies.editNamed', { name: item.title }) : t('replies.newCanned');
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={name}>
      <h3>{name}</h3>
      <FormError errors={errors} />
      <div className="form-row">
        <Field label={t('replies.shortcode')} value={shortcode} placeholder="deposit-need-txid" onChange={(e) => setShortcode(e.target.value)} error={errors.shortcode} />
        <Field label={t('replies.title')} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      </div>
      <BodiesFields value={bodies} onChange={setBodies} errors={errors} />
      {item ? null : <PersonalToggle personal={personal} canShare={canShare} onChange={setPersonal} />}
      <FormActions busy={busy} save={t('replies.save')} busyLabel={t('ticket.saving')} cancel={t('merge.cancel')} onCancel={onCancel} />
    </form>
  );
}
