import { useState } from 'react';
import { useI18n } from '../i18n';
import { serverErrors } from './fields';

/** Which item of an admin list is being edited (or a new one), and the name of the last one saved. */
export function useEditing<T>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return {
    editing,
    saved,
    edit: (item: T) => setEditing(item),
    startNew: () => setEditing('new'),
    cancel: () => setEditing(null),
    /** After a save: close the form, say what was saved, read the list again. */
    done(name: string, reload: () => void) {
      setEditing(null);
      setSaved(name);
      reload();
    },
  };
}

/** A one-click change on a list row: the refusal shows over the list, success reads it again. */
export function useRowAction(reload: () => void) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      reload();
    } catch (err) {
      setError(serverErrors(err, t, []).form ?? null);
    }
  }
  return { error, run };
}
