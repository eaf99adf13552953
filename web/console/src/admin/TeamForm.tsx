import { useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Field } from '../login/Field';
import { CheckboxGroup, FormActions, FormError, serverErrors, type Errors } from './fields';
import type { Team, TeamHours } from './types';

/** Customer languages routing knows (identity's customerLocales), named in the console's language. */
const customerLocales = ['en', 'zh-CN', 'zh-TW', 'ko', 'ja', 'vi', 'th', 'id', 'ru', 'tr', 'es', 'pt', 'fr', 'de'];
const categories = ['account', 'kyc', 'deposit', 'withdrawal', 'trading', 'platform', 'security', 'fees', 'promotions', 'complaint', 'suggestion'];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

type DayRow = { open: boolean; from: string; to: string };
const weekdays = [1, 2, 3, 4, 5, 6, 0];

function rowsOf(hours: TeamHours | null): DayRow[] {
  return Array.from({ length: 7 }, (_, day) => {
    const w = hours?.days.find((d) => d.day === day);
    return w ? { open: true, from: w.from, to: w.to } : { open: !hours && day >= 1 && day <= 5, from: '09:00', to: '18:00' };
  });
}

/** Create or change a team; checked here first, then the server's field errors sit beside the field. */
export function TeamForm({ team, people, onSaved, onCancel }: { team: Team | null; people: { id: string; name: string }[]; onSaved(team: Team): void; onCancel(): void }) {
  const { t, label, locale } = useI18n();
  const id = useId();
  const [name, setName] = useState(team?.name ?? '');
  const [languages, setLanguages] = useState<string[]>(team?.languages ?? []);
  const [cats, setCats] = useState<string[]>(team?.categories ?? []);
  const [members, setMembers] = useState<string[]>(team?.members.map((m) => m.id) ?? []);
  const [always, setAlways] = useState(team ? team.hours === null : false);
  const [timezone, setTimezone] = useState(team?.hours?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
  const [days, setDays] = useState<DayRow[]>(rowsOf(team?.hours ?? null));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const dayName = (day: number) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + day)));

  function check(): Errors {
    const found: Errors = {};
    if (!name.trim()) found.name = t('teams.nameRequired');
    if (!always) {
      if (!timezone.trim()) found['hours.timezone'] = t('teams.timezoneRequired');
      const open = days.filter((d) => d.open);
      if (!open.length) found.hours = t('teams.noOpenDay');
      else if (open.some((d) => !HHMM.test(d.from) || !HHMM.test(d.to))) found.hours = t('teams.timeFormat');
      else if (open.some((d) => d.from === d.to)) found.hours = t('teams.sameTimes');
    }
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    const hours = always ? null : { timezone: timezone.trim(), days: days.flatMap((d, day) => (d.open ? [{ day, from: d.from, to: d.to }] : [])) };
    const body = { name: name.trim(), languages, categories: cats, hours, members };
    setBusy(true);
    try {
      const r = team
        ? await api<{ team: Team }>('PATCH', `/api/v1/teams/${team.id}`, body)
        : await api<{ team: Team }>('POST', '/api/v1/teams', body);
      onSaved(r.team);
    } catch (err) {
      setErrors(serverErrors(err, t, ['name', 'languages', 'categories', 'members', 'hours.timezone', 'hours']));
    } finally {
      setBusy(false);
    }
  }

  const setDay = (day: number, patch: Partial<DayRow>) => setDays((all) => all.map((d, i) => (i === day ? { ...d, ...patch } : d)));
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={team ? t('teams.editNamed', { name: team.name }) : t('teams.new')}>
      <h2>{team ? t('teams.editNamed', { name: team.name }) : t('teams.new')}</h2>
      <FormError errors={errors} />
      <Field label={t('teams.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      <CheckboxGroup legend={t('teams.languagesHelp')} options={customerLocales.map((l) => ({ value: l, label: languageName(l, locale) }))} value={languages} onChange={setLanguages} error={errors.languages} />
      <CheckboxGroup legend={t('teams.categoriesHelp')} options={categories.map((c) => ({ value: c, label: label('category', c) }))} value={cats} onChange={setCats} error={errors.categories} />
      <fieldset className="hours" aria-describedby={errors.hours ? `${id}-hours` : undefined}>
        <legend>{t('teams.hours')}</legend>
        <label>
          <input type="checkbox" checked={always} onChange={(e) => setAlways(e.target.checked)} /> {t('teams.always')}
        </label>
        {always ? null : (
          <>
            <Field label={t('teams.timezone')} value={timezone} onChange={(e) => setTimezone(e.target.value)} error={errors['hours.timezone']} placeholder="Asia/Shanghai" />
            <table className="hours-table">
              <tbody>
                {weekdays.map((day) => (
                  <tr key={day}>
                    <th scope="row">
                      <label>
                        <input type="checkbox" checked={days[day]!.open} onChange={(e) => setDay(day, { open: e.target.checked })} /> {dayName(day)}
                      </label>
                    </th>
                    <td>
                      <input type="time" aria-label={t('teams.opensOn', { day: dayName(day) })} value={days[day]!.from} disabled={!days[day]!.open} onChange={(e) => setDay(day, { from: e.target.value })} />
                    </td>
                    <td>
                      <input type="time" aria-label={t('teams.closesOn', { day: dayName(day) })} value={days[day]!.to} disabled={!days[day]!.open} onChange={(e) => setDay(day, { to: e.target.value })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="help">{t('teams.overnight')}</p>
          </>
        )}
        {errors.hours ? (
          <p className="field-error" id={`${id}-hours`} role="alert">
            {errors.hours}
          </p>
        ) : null}
      </fieldset>
      <CheckboxGroup legend={t('teams.members')} options={people.map((p) => ({ value: p.id, label: p.name }))} value={members} onChange={setMembers} error={errors.members} />
      <FormActions busy={busy} save={t('teams.save')} busyLabel={t('ticket.saving')} cancel={t('merge.cancel')} onCancel={onCancel} />
    </form>
  );
}
