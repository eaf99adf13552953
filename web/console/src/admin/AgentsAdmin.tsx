import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { locales, localeNames, useI18n } from '../i18n';
import { Field } from '../login/Field';
import { Select } from '../shell/Select';
import { AdminTable, FormActions, FormError, Loadable, serverErrors, type Errors } from './fields';
import { roleList, type AdminAgent, type Role } from './types';
import { allPages, useResource } from './useResource';
import { useRowAction } from './useEditing';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Console users: create (a first password shown once), change role, disable or enable, reset 2FA. */
export function AgentsAdmin() {
  const { t } = useI18n();
  const list = useResource<{ items: AdminAgent[] }>('/api/v1/agents?limit=100', allPages);
  const [created, setCreated] = useState<{ agent: AdminAgent; password?: string } | null>(null);
  const action = useRowAction(list.reload);
  const rowError = action.error;
  const change = (agent: AdminAgent, patch: Record<string, unknown>, path = '') =>
    action.run(() => api(path ? 'POST' : 'PATCH', `/api/v1/agents/${agent.id}${path}`, path ? undefined : patch));

  return (
    <div>
      <h1>{t('admin.agents')}</h1>
      <NewAgentForm
        onCreated={(r) => {
          setCreated(r);
          list.reload();
        }}
      />
      {created ? (
        <div className="notice" role="status">
          <p>{t('agents.created', { name: created.agent.name })}</p>
          {created.password ? (
            <p>
              {t('agents.firstPassword')} <code className="secret">{created.password}</code>
            </p>
          ) : null}
          <p>{t('agents.firstSignIn')}</p>
        </div>
      ) : null}
      {rowError ? (
        <p className="form-error" role="alert">
          {rowError}
        </p>
      ) : null}
      <Loadable error={list.error} loading={list.loading} t={t} retry={list.reload}>
        <AdminTable label={t('admin.agents')} columns={[t('agents.name'), t('agents.email'), t('agents.role'), t('agents.twoFactor'), t('board.col.actions')]}>
            {list.data?.items.map((a) => (
              <tr key={a.id} className={a.disabled ? 'disabled-row' : undefined}>
                <th scope="row">{a.name}</th>
                <td>{a.email}</td>
                <td>
                  <select aria-label={t('agents.roleOf', { name: a.name })} value={a.role} onChange={(e) => void change(a, { role: e.target.value })}>
                    {roleList.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{a.totpEnabled ? t('agents.totpOn') : t('agents.totpOff')}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => void change(a, { disabled: !a.disabled })}>
                    {a.disabled ? t('agents.enable', { name: a.name }) : t('agents.disable', { name: a.name })}
                  </button>
                  {a.totpEnabled ? (
                    <button type="button" onClick={() => void change(a, {}, '/reset-2fa')}>
                      {t('agents.reset2fa')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
        </AdminTable>
      </Loadable>
    </div>
  );
}

function NewAgentForm({ onCreated }: { onCreated(r: { agent: AdminAgent; password?: string }): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [locale, setLocale] = useState('zh-CN');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.name = t('agents.nameRequired');
    if (!EMAIL.test(email.trim())) found.email = t('login.emailInvalid');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const r = await api<{ agent: AdminAgent; password?: string }>('POST', '/api/v1/agents', { name: name.trim(), email: email.trim(), role, locale });
      setName('');
      setEmail('');
      onCreated(r);
    } catch (err) {
      setErrors(serverErrors(err, t, ['name', 'email', 'role', 'locale']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t('agents.new')}>
      <h2>{t('agents.new')}</h2>
      <FormError errors={errors} />
      <div className="form-row">
        <Field label={t('agents.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Field label={t('agents.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <Select label={t('agents.role')} value={role} any={false} options={roleList.map((r) => ({ value: r, label: t(`role.${r}`) }))} onChange={(v) => setRole(v as Role)} />
        <Select label={t('agents.language')} value={locale} any={false} options={locales.map((l) => ({ value: l, label: localeNames[l] }))} onChange={setLocale} />
      </div>
      <FormActions busy={busy} save={t('agents.create')} busyLabel={t('ticket.saving')} />
    </form>
  );
}
