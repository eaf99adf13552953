import { t, type Locale } from '../../../platform/i18n/index.js';
import type { CheckResult } from './channelCheck.js';

/** What to tell the person who asked, in their language: the verdict and what to do next. */
export function adviceFor(locale: Locale, result: CheckResult): { headline: string; advice: string } {
  const vars = { checked: result.checked || '—', label: result.match?.label ?? '', official: result.match?.value ?? '' };
  return {
    headline: t(locale, `security.verify.${result.verdict}`, vars),
    advice: t(locale, `security.verify.${result.verdict}Advice`),
  };
}
