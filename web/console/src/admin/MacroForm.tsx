import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Field } from '../login/Field';
import { Select } from '../shell/Select';
import { BodiesFields, bodyFields, filledBodies, PersonalToggle } from './BodiesFields';
import { FormActions, FormError, serverErrors, type Errors } from './fields';
import type { Bodies, CannedResponse, Macro, MacroActions } from './types';

const TAG = /^[a-z0-9][a-z0-9_:-]{0,39}$/;
const statuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const priorities = ['low', 'normal', 'high', 'urgent'];
const tagList = (text: string) => text.split(/[,\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);

/** A macro: an optional reply (a canned response or its own text, public or a note) plus field changes. */
export function MacroForm({ item, canShare, canned, onSaved, onCancel }: {
  item: Macro | null;
  canShare: boolean;
  canned: CannedResponse[];
  onSaved(m: Macro): void;
  onCancel(): void;
}) {
  const { t, label } = useI18n();
  const a = item?.actions ?? {};
  const [name, setName] = useState(item?.name ?? '');
  const [replyKind, setReplyKind] = useState<'none' | 'canned' | 'text'>(a.reply?.cannedResponseId ? 'canned' : a.reply?.bodies ? 'text' : 'none');
  const [cannedId, setCannedId] = useState(a.reply?.cannedResponseId ?? '');
  const [bodies, setBodies] = useState<Bodies>(a.reply?.bodies ?? {});
  const [visibility, setVisibility] = useState<'public' | 'internal'>(a.reply?.visibility ?? 'public');
  const [status, setStatus] = useState(a.status ?? '');
  const [priority, setPriority] = useState(a.priority ?? '');
  const [assignee, setAssignee] = useState(a.assignee ?? '');
  const [addTags, setAddTags] = useState((a.addTags ?? []).join(', '));
  const [removeTags, setRemoveTags] = useState((a.removeTags ?? []).join(', '));
  const [personal, setPersonal] = useState(item?.personal ?? !canShare);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  function build(found: Errors): MacroActions {
    const actions: MacroActions = {};
    if (replyKind === 'canned') {
      if (!cannedId) found['actions.reply'] = t('macro.pickCanned');
      else actions.reply = { cannedResponseId: cannedId, visibility };
    } else if (replyKind === 'text') {
      const text = filledBodies(bodies);
      if (!text) found.bodies = t('replies.textRequired');
      else actions.reply = { bodies: text, visibility };
    }
    if (status) actions.status = status;
    if (priority) actions.priority = priority;
    if (assignee) actions.assignee = assignee;
    // Kept as they were: this form does not edit a macro's team.
    if (a.teamId !== undefined) actions.teamId = a.teamId;
    const add = tagList(addTags);
    const remove = tagList(removeTags);
    if (add.some((x) => !TAG.test(x))) found['actions.addTags'] = t('bulk.tagInvalid');
    if (remove.some((x) => !TAG.test(x))) found['actions.removeTags'] = t('bulk.tagInvalid');
    if (add.length) actions.addTags = add;
    if (remove.length) actions.removeTags = remove;
    if (!Object.keys(actions).length && !Object.keys(found).length) found.form = t('macro.doSomething');
    return actions;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.name = t('macro.nameRequired');
    const actions = build(found);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const body = { name: name.trim(), actions };
      const r = item
        ? await api<{ macro: Macro }>('PATCH', `/api/v1/macros/${item.id}`, body)
        : await api<{ macro: Macro }>('POST', '/api/v1/macros', { ...body, personal });
      onSaved(r.macro);
    } catch (err) {
      const mapped = serverErrors(err, t, ['name', 'actions.reply', 'actions.addTags', 'actions.removeTags', ...bodyFields.map((f) => `actions.reply.${f}`)]);
      // The reply's texts are shown by BodiesFields under `bodies.<locale>`.
      setErrors(Object.fromEntries(Object.entries(mapped).map(([k, v]) => [k.replace(/^actions\.reply\.bodies/, 'bodies'), v])));
    } finally {
      setBusy(false);
    }
  }

  const title = item ? t('replies.editNamed', { name: item.name }) : t('replies.newMacro');
  const fieldError = (key: string) => errors[key];
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <FormError errors={errors} />
      <Field label={t('replies.macroName')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      <Select
        label={t('macro.reply')}
        value={replyKind}
        any={false}
        options={[
          { value: 'none', label: t('macro.noReply') },
          { value: 'canned', label: t('macro.replyCanned') },
          { value: 'text', label: t('macro.replyText') },
        ]}
        onChange={(v) => setReplyKind(v as typeof replyKind)}
      />
      {replyKind === 'canned' ? (
        <>
          <Select label={t('reply.canned')} value={cannedId} options={canned.filter((c) => personal || !c.personal).map((c) => ({ value: c.id, label: `/${c.shortcode} — ${c.title}` }))} onChange={setCannedId} />
          {fieldError('actions.reply') ? <p className="field-error" role="alert">{fieldError('actions.reply')}</p> : null}
        </>
      ) : null}
      {replyKind === 'text' ? <BodiesFields value={bodies} onChange={setBodies} errors={errors} /> : null}
      {replyKind !== 'none' ? (
        <Select label={t('ticket.composeMode')} value={visibility} any={false} options={[{ value: 'public', label: t('ticket.replyMode') }, { value: 'internal', label: t('ticket.noteMode') }]} onChange={(v) => setVisibility(v as 'public' | 'internal')} />
      ) : null}
      <div className="form-row">
        <Select label={t('filter.status')} value={status} options={statuses.map((s) => ({ value: s, label: label('status', s) }))} onChange={setStatus} />
        <Select label={t('filter.priority')} value={priority} options={priorities.map((p) => ({ value: p, label: label('priority', p) }))} onChange={setPriority} />
        <Select label={t('bulk.assignTo')} value={assignee} options={[
            { value: 'me', label: t('macro.assignMe') },
            { value: 'nobody', label: t('bulk.nobody') },
            ...(a.assignee && a.assignee !== 'me' && a.assignee !== 'nobody' ? [{ value: a.assignee, label: t('macro.assignKept') }] : []),
          ]} onChange={setAssignee} />
      </div>
      <div className="form-row">
        <Field label={t('macro.addTags')} value={addTags} onChange={(e) => setAddTags(e.target.value)} error={errors['actions.addTags']} placeholder="vip, deposit" />
        <Field label={t('macro.removeTags')} value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} error={errors['actions.removeTags']} />
      </div>
      {item ? null : <PersonalToggle personal={personal} canShare={canShare} onChange={setPersonal} />}
      <FormActions busy={busy} save={t('replies.save')} busyLabel={t('ticket.saving')} cancel={t('merge.cancel')} onCancel={onCancel} />
    </form>
  );
}
