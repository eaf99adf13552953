import { useCallback, useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { lastInboxUrl } from '../inbox/query';
import { useLiveEvents } from '../realtime/LiveProvider';
import { navigate } from '../router';
import { useSession } from '../session';
import { useShortcuts } from '../shell/shortcuts';
import { TicketCalls } from '../calls/TicketCalls';
import { CustomerTickets } from './CustomerTickets';
import { ExchangePanel } from './ExchangePanel';
import { MergeForm } from './MergeForm';
import { ReplyBox } from './ReplyBox';
import { TicketFields } from './TicketFields';
import { Timeline } from './Timeline';
import { useTicket } from './useTicket';

/** One ticket: its conversation, the reply box, its fields and the customer beside them. */
export function TicketPage({ number }: { number: string }) {
  const { t } = useI18n();
  const { state } = useSession();
  const data = useTicket(number);
  const { ticket, reload } = data;
  const myId = state.status === 'signedIn' ? state.me.agent.id : '';

  // Live: a change made elsewhere shows up at once (batched: a reply is a message and a change).
  const timer = useRef<number | undefined>(undefined);
  const soon = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void reload(), 150);
  }, [reload]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useLiveEvents({ changed: (id) => id === ticket?.id && soon(), resync: soon });
  useShortcuts({ u: () => navigate(lastInboxUrl()) });

  const back = (
    <a
      href={`/console${lastInboxUrl()}`}
      className="back"
      onClick={(e) => {
        e.preventDefault();
        navigate(lastInboxUrl());
      }}
    >
      ← {t('ticket.back')}
    </a>
  );

  if (data.error && !ticket) {
    return (
      <div className="ticket-page">
        {back}
        <p className="form-error" role="alert">
          {data.error.code === 'network' ? t('error.network') : t('ticket.loadError', { message: data.error.message })}
        </p>
      </div>
    );
  }
  if (!ticket) return <p className="page-loading" aria-busy="true">{t('app.loading')}</p>;

  const c = ticket.customer;
  return (
    <div className="ticket-page">
      <div className="ticket-main">
        {back}
        <h1>
          <span className="ticket-number">{ticket.number}</span> {ticket.subject}
        </h1>
        {ticket.mergedInto ? (
          <p className="notice" role="status">
            {t('ticket.mergedInto', { number: ticket.mergedInto.number })}{' '}
            <a
              href={`/console/tickets/${ticket.mergedInto.number}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/tickets/${ticket.mergedInto!.number}`);
              }}
            >
              {t('merge.openTarget', { number: ticket.mergedInto.number })}
            </a>
          </p>
        ) : null}
        <Timeline messages={data.messages} events={data.events} />
        <ReplyBox ticket={ticket} onSent={() => void reload()} />
      </div>
      <aside className="ticket-side">
        <TicketFields ticket={ticket} myId={myId} onChanged={reload} />
        {ticket.abilities.merge ? <MergeForm number={ticket.number} onMerged={() => void reload()} /> : null}
        <section aria-labelledby="customer-title">
          <h2 id="customer-title">{t('ticket.customer')}</h2>
          <p>
            <strong>{c.name ?? c.email ?? '—'}</strong>
          </p>
          {c.email ? <p>{c.email}</p> : null}
          {c.externalId ? <p>UID {c.externalId}</p> : null}
          <p className={c.verified ? 'verified' : 'unverified'}>{c.verified ? t('ticket.verified') : t('ticket.unverified')}</p>
        </section>
        <CustomerTickets customerId={c.id} currentId={ticket.id} />
        <TicketCalls ticketId={ticket.id} />
        <ExchangePanel ticketId={ticket.id} onChanged={() => void reload()} />
      </aside>
    </div>
  );
}
