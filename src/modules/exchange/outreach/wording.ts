import type { Selectable } from 'kysely';
import type { ExchangeRiskEventsTable } from '../../../platform/db/schema.js';
import { inEveryLocale, securityText, type SecurityTextKey } from '../locales/index.js';

export type RiskEventRow = Selectable<ExchangeRiskEventsTable>;

/** When it happened, as the customer reads it in any language: `2025-03-01 07:59 UTC`. */
export const whenOf = (iso: string): string => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * "Was this you?" naming the facts exactly as the exchange sent them (device, place, amount,
 * address, key permissions), in the customer's language.
 */
export function outreachQuestion(locale: string, event: RiskEventRow): string {
  const data = JSON.parse(event.data) as Record<string, unknown>;
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  const place = [str('city'), str('country')].filter(Boolean).join(', ') || securityText(locale, 'unknownPlace');
  const permissions = Array.isArray(data.permissions)
    ? data.permissions.map((p) => securityText(locale, `permission.${String(p)}` as SecurityTextKey)).join(securityText(locale, 'listSeparator'))
    : '';
  const vars: Record<string, string> = {
    time: whenOf(event.occurred_at), place, ip: str('ip'), device: str('device'), amount: str('amount'), coin: str('coin'), network: str('network'),
    address: str('address'), label: str('label'), permissions, via: str('via') ? securityText(locale, `via.${str('via')}` as SecurityTextKey) : '',
  };
  return `${securityText(locale, `question.${event.type}`, vars)}\n\n${securityText(locale, 'questionFooter')}`;
}

export const eventName = (locale: string, event: RiskEventRow): string => securityText(locale, `event.${event.type}`);

export const answerChoices = (locale: string) => [
  { label: securityText(locale, 'yes'), value: 'yes' },
  { label: securityText(locale, 'no'), value: 'no' },
];

const normalise = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
const yesWords = new Set([...inEveryLocale('yes'), 'yes', 'y', 'yeah', 'yep', 'it was me', '是', '是的', '是我', '对', '对的', '네', '예', '맞아요', '제가 했어요'].map(normalise));
const noWords = new Set([...inEveryLocale('no'), 'no', 'n', 'nope', 'not me', 'it was not me', "it wasn't me", '不是', '不是我', '没有', '否', '아니요', '아뇨', '아니에요', '제가 아니에요'].map(normalise));

/** A clear yes or no (a button's label in any language, or the plain word); anything else is for a person. */
export function readAnswer(body: string): 'yes' | 'no' | null {
  const said = normalise(body.split(/\r?\n/, 1)[0] ?? '');
  if (yesWords.has(said)) return 'yes';
  if (noWords.has(said)) return 'no';
  return null;
}
