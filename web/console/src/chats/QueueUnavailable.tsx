import type { ApiError } from '../api';
import { useI18n } from '../i18n';

/** The chat queue before its first answer: loading, or why it failed with a retry. */
export function QueueUnavailable({ error, reload }: { error: ApiError | null; reload(): void }) {
  const { t } = useI18n();
  return error ? (
    <p className="form-error" role="alert">
      {error.code === 'network' ? t('error.network') : t('chats.loadError', { message: error.message })}{' '}
      <button type="button" className="link" onClick={reload}>
        {t('app.retry')}
      </button>
    </p>
  ) : (
    <p className="page-loading" aria-busy="true">{t('app.loading')}</p>
  );
}
