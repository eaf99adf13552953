import { t } from '../../../platform/i18n/index.js';
import type { Html} from '../../portal/html.js';
import { html } from '../../portal/html.js';
import { adviceFor } from '../../security/officialChannels/advice.js';
import { channelKinds, type CheckResult, type OfficialChannel } from '../../security/officialChannels/channelCheck.js';
import type { Reader } from './chrome.js';

export interface VerifyView {
  reader: Reader;
  value: string;
  /** null until something was asked. */
  result: CheckResult | null;
  registry: OfficialChannel[];
}

/** "Is this really us?": a form, the verdict with what to do, and the list of official channels. */
export function verifyPage({ reader, value, result, registry }: VerifyView): Html {
  const ui = reader.ui;
  const verdict = result
    ? (() => {
        const { headline, advice } = adviceFor(ui, result);
        return html`<div class="card verdict verdict-${result.verdict}" role="status">
  <p><strong>${headline}</strong></p>
  <p>${advice}</p>
  ${result.verdict === 'official' ? '' : html`<p><a class="button secondary" href="/tickets/new?lang=${ui}&amp;category=security">${t(ui, 'security.verify.report')}</a></p>`}
</div>`;
      })()
    : '';
  const groups = channelKinds
    .map((kind) => ({ kind, items: registry.filter((c) => c.kind === kind) }))
    .filter((g) => g.items.length > 0)
    .map((g) => html`<h3>${t(ui, `security.verify.kinds.${g.kind}`)}</h3>
<ul class="official-list">${g.items.map((c) => html`<li><code>${g.kind === 'telegram' || g.kind === 'x' ? `@${c.value}` : c.value}</code> — ${c.label}</li>`)}</ul>`);
  return html`<h1>${t(ui, 'security.verify.title')}</h1>
<p class="lead">${t(ui, 'security.verify.lead')}</p>
<form class="verify-form" method="get" action="/help/${reader.locale}/verify">
  <label for="verify-value">${t(ui, 'security.verify.label')}</label>
  <div class="search-row">
    <input id="verify-value" name="value" type="text" value="${value}" placeholder="${t(ui, 'security.verify.placeholder')}" autocomplete="off" spellcheck="false" required maxlength="500">
    <button type="submit" class="button primary">${t(ui, 'security.verify.submit')}</button>
  </div>
</form>
${verdict}
<section aria-labelledby="official-title">
  <h2 id="official-title">${t(ui, 'security.verify.listTitle')}</h2>
  ${groups.length ? groups : html`<p>${t(ui, 'security.verify.empty')}</p>`}
</section>`;
}
