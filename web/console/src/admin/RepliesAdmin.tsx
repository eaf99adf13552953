import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { useAreas } from '../shell/areas';
import { CannedForm } from './CannedForm';
import { AdminTable, EditOrNew, Loadable } from './fields';
import { MacroForm } from './MacroForm';
import type { CannedResponse, Macro } from './types';
import { useResource } from './useResource';
import { useEditing } from './useEditing';

/** Canned responses and macros: the shared ones (supervisors) and the agent's own. */
export function RepliesAdmin() {
  const { t } = useI18n();
  const shared = useAreas()?.sharedReplies ?? false;
  const canned = useResource<{ items: CannedResponse[] }>('/api/v1/canned-responses?limit=500');
  const macros = useResource<{ items: Macro[] }>('/api/v1/macros');
  const cannedEditor = useEditing<CannedResponse>();
  const macroEditor = useEditing<Macro>();
  const saved = macroEditor.saved ?? cannedEditor.saved;
  const scope = (personal: boolean) => (personal ? t('replies.personal') : t('replies.shared'));
  const editButton = (item: { abilities: { edit: boolean } }, name: string, edit: () => void) =>
    item.abilities.edit ? (
      <button type="button" onClick={edit} aria-label={t('replies.editNamed', { name })}>
        {t('teams.edit')}
      </button>
    ) : null;

  return (
    <div>
      <h1>{t('admin.replies')}</h1>
      {saved ? <p className="notice" role="status">{t('replies.saved', { name: saved })}</p> : null}
      <Part id="canned-title" title={t('replies.canned')}>
        <EditOrNew
          editing={cannedEditor.editing}
          newLabel={t('replies.newCanned')}
          onNew={cannedEditor.startNew}
          form={(item) => <CannedForm item={item} canShare={shared} onCancel={cannedEditor.cancel} onSaved={(c) => cannedEditor.done(c.title, canned.reload)} />}
        />
        <Loadable error={canned.error} loading={canned.loading} t={t} retry={canned.reload}>
          <AdminTable label={t('replies.canned')} columns={[t('replies.shortcode'), t('replies.title'), t('replies.languages'), t('replies.scope'), t('replies.uses'), t('board.col.actions')]}>
            {canned.data?.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">/{c.shortcode}</th>
                <td>{c.title}</td>
                <td>{Object.keys(c.bodies).join(', ')}</td>
                <td>{scope(c.personal)}</td>
                <td>{c.uses}</td>
                <td>{editButton(c, c.title, () => cannedEditor.edit(c))}</td>
              </tr>
            ))}
          </AdminTable>
        </Loadable>
      </Part>
      <Part id="macros-title" title={t('replies.macros')}>
        <EditOrNew
          editing={macroEditor.editing}
          newLabel={t('replies.newMacro')}
          onNew={macroEditor.startNew}
          form={(item) => <MacroForm item={item} canShare={shared} canned={canned.data?.items ?? []} onCancel={macroEditor.cancel} onSaved={(m) => macroEditor.done(m.name, macros.reload)} />}
        />
        <Loadable error={macros.error} loading={macros.loading} t={t} retry={macros.reload}>
          <AdminTable label={t('replies.macros')} columns={[t('replies.macroName'), t('replies.scope'), t('replies.uses'), t('board.col.actions')]}>
            {macros.data?.items.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>{scope(m.personal)}</td>
                <td>{m.uses}</td>
                <td>{editButton(m, m.name, () => macroEditor.edit(m))}</td>
              </tr>
            ))}
          </AdminTable>
        </Loadable>
      </Part>
    </div>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
