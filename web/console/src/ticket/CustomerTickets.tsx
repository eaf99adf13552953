import { useEffect, useState } from 'react';
import { api, withQuery } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';

interface Summary {
  id: string;
  number: string;
  subject: string;
  status: string;
}

/** The customer's other tickets (newest first), so an agent sees the history without a search. */
export function CustomerTickets({ customerId, currentId }: { customerId: string; currentId: string }) {
  const { t, label } = useI18n();
  const [items, setItems] = useState<Summary[] | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    api<{ items: Summary[] }>('GET', withQuery('/api/v1/tickets', { customerId, limit: 11 }), undefined, ctl.signal)
      .then((page) => setItems(page.items))
      .catch(() => setItems([]));
    return () => ctl.abort();
  }, [customerId]);
  const others = (items ?? []).filter((i) => i.id !== currentId).slice(0, 10);
  return (
    <section aria-labelledby="other-tickets-title">
      <h2 id="other-tickets-title">{t('ticket.otherTickets')}</h2>
      {items === null ? <p className="help">{t('app.loading')}</p> : others.length === 0 ? <p className="help">{t('ticket.noOtherTickets')}</p> : null}
      <ul className="other-tickets">
        {others.map((o) => (
          <li key={o.id}>
            <a
              href={`/console/tickets/${o.number}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/tickets/${o.number}`);
              }}
            >
              {o.number}
            </a>{' '}
            {o.subject} <span className="help">· {label('status', o.status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
