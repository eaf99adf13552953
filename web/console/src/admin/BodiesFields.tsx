import { localeNames, useI18n } from '../i18n';
import { TextAreaField, type Errors } from './fields';
import type { Bodies } from './types';

const bodyLocales = ['zh-CN', 'en', 'ko'] as const;

/** The text of a reply in zh-CN, en and ko; the server names the language it refuses (`bodies.en`). */
export function BodiesFields({ value, onChange, errors }: { value: Bodies; onChange(next: Bodies): void; errors: Errors }) {
  const { t } = useI18n();
  return (
    <fieldset className="bodies">
      <legend>{t('replies.text')}</legend>
      <p className="help">{t('replies.placeholders')}</p>
      {bodyLocales.map((l) => (
        <TextAreaField
          key={l}
          label={t('replies.textIn', { language: localeNames[l] })}
          lang={l}
          rows={3}
          value={value[l] ?? ''}
          onChange={(e) => onChange({ ...value, [l]: e.target.value })}
          error={errors[`bodies.${l}`]}
        />
      ))}
      {errors.bodies ? (
        <p className="field-error" role="alert">
          {errors.bodies}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Only the languages written, trimmed; `null` when none is. */
export function filledBodies(value: Bodies): Bodies | null {
  const out: Bodies = {};
  for (const l of bodyLocales) if (value[l]?.trim()) out[l] = value[l]!.trim();
  return Object.keys(out).length ? out : null;
}

/** Shared with the desk or only mine; without the right to share, personal is the only choice. */
export function PersonalToggle({ personal, canShare, onChange }: { personal: boolean; canShare: boolean; onChange(v: boolean): void }) {
  const { t } = useI18n();
  return (
    <label>
      <input type="checkbox" checked={personal} disabled={!canShare} onChange={(e) => onChange(e.target.checked)} /> {t('replies.onlyMe')}
    </label>
  );
}

export const bodyFields = ['bodies.zh-CN', 'bodies.en', 'bodies.ko', 'bodies'];
