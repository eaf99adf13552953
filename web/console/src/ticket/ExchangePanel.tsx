import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { FormError, serverErrors, TextAreaField, type Errors } from '../admin/fields';
import { useI18n, type MessageKey } from '../i18n';
import { UnfreezeRequests } from './UnfreezeRequests';

interface Panel {
  customer: { uid: string | null; verified: boolean };
  account: { uid: string; status: string; frozenReason: string | null; kycLevel: number | null; twoFactorEnabled: boolean | null } | null;
  transactions: { id: string; kind: string; coin: string; network: string; status: string; diagnosis: { text: string; needsPerson: boolean; staff: StaffDetails } }[];
  abilities: { view: boolean; freeze: boolean; requestUnfreeze: boolean };
}

type Action = 'freeze' | 'unfreeze';
const paths: Record<Action, string> = { freeze: 'exchange/freeze', unfreeze: 'exchange/unfreeze-requests' };

/**
 * The customer's account at the exchange beside the ticket (masked by the server until they are
 * verified), with the two security actions the server offers this agent: freeze with a reason,
 * or ask for an unfreeze that a second person decides. A 403 (not this agent's ticket) hides it.
 */
/** The exchange's reasons behind a hold: for the agent only — the customer's text never carries them. */
interface StaffDetails {
  reasonCodes: string[];
  riskRuleId: string | null;
  riskNote: string | null;
}

function StaffNote({ staff }: { staff: StaffDetails }) {
  const { t } = useI18n();
  if (!staff.reasonCodes.length && !staff.riskRuleId && !staff.riskNote) return null;
  const parts = [staff.reasonCodes.join(', '), staff.riskRuleId, staff.riskNote].filter(Boolean);
  return (
    <p className="help" title={t('exchange.staffOnlyHelp')}>
      {t('exchange.staffOnly')}: {parts.join(' · ')}
    </p>
  );
}

export function ExchangePanel({ ticketId, onChanged }: { ticketId: string; onChanged(): void }) {
  const { t } = useI18n();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [hidden, setHidden] = useState(false);
  const [open, setOpen] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [requestsVersion, setRequestsVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setPanel(await api<Panel>('GET', `/api/v1/tickets/${ticketId}/exchange?limit=5`));
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) setHidden(true);
      else setErrors(serverErrors(err, t, []));
    }
  }, [ticketId, t]);
  useEffect(() => void load(), [load]);

  async function submit(action: Action) {
    if (reason.trim().length < 10) return setErrors({ reason: t('exchange.reasonShort') });
    setBusy(true);
    setErrors({});
    try {
      await api('POST', `/api/v1/tickets/${ticketId}/${paths[action]}`, { reason: reason.trim() });
      setOpen(null);
      setReason('');
      setRequestsVersion((v) => v + 1);
      await load();
      onChanged();
    } catch (err) {
      setErrors(serverErrors(err, t, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  if (hidden || !panel?.customer.uid) return null;
  const a = panel.account;
  return (
    <section aria-labelledby="exchange-title" className="exchange-panel">
      <h2 id="exchange-title">{t('exchange.title')}</h2>
      <FormError errors={errors} />
      {a ? (
        <dl className="request-fields">
          <div><dt>UID</dt><dd>{a.uid}</dd></div>
          <div>
            <dt>{t('exchange.status')}</dt>
            <dd className={a.status === 'frozen' ? 'account-frozen' : undefined}>{t(`exchange.status.${a.status}` as MessageKey)}</dd>
          </div>
          {a.frozenReason ? <div><dt>{t('exchange.frozenReason')}</dt><dd>{a.frozenReason}</dd></div> : null}
          <div><dt>KYC</dt><dd>{a.kycLevel ?? t('exchange.masked')}</dd></div>
        </dl>
      ) : (
        <p className="help">{t('exchange.noAccount')}</p>
      )}
      {!panel.customer.verified ? <p className="help">{t('exchange.maskedUntilVerified')}</p> : null}
      {panel.transactions.length ? (
        <ul className="exchange-transactions">
          {panel.transactions.map((tx) => (
            <li key={tx.id}>
              <strong>{tx.coin} · {tx.network}</strong> {tx.diagnosis.text}
              <StaffNote staff={tx.diagnosis.staff} />
            </li>
          ))}
        </ul>
      ) : null}
      {(['freeze', 'unfreeze'] as const).filter((x) => (x === 'freeze' ? panel.abilities.freeze : panel.abilities.requestUnfreeze)).map((action) =>
        open === action ? (
          <form key={action} onSubmit={(e) => (e.preventDefault(), void submit(action))} noValidate>
            <TextAreaField label={t(`exchange.${action}Reason`)} value={reason} rows={3} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
            <button type="submit" className={action === 'freeze' ? 'danger' : 'primary'} disabled={busy}>
              {t(`exchange.${action}Confirm`)}
            </button>{' '}
            <button type="button" onClick={() => (setOpen(null), setErrors({}))}>{t('exchange.cancel')}</button>
          </form>
        ) : (
          <button key={action} type="button" onClick={() => (setOpen(action), setReason(''), setErrors({}))}>
            {t(`exchange.${action}`)}
          </button>
        ),
      )}
      <UnfreezeRequests ticketId={ticketId} version={requestsVersion} onDecided={() => (void load(), onChanged())} />
    </section>
  );
}
