import { hasMessage, localeNames, locales, t, type Locale } from '../../../platform/i18n/index.js';
import { categories, categoryFields, isCategory, type Category, type FieldSpec } from '../../tickets/categories.js';
import { flag, html, type Html } from '../html.js';
import { DESCRIPTION_MAX, SUBJECT_MAX, type FormErrors, type TicketFormValues } from '../form.js';
import { attachmentsField, type AttachmentLimits, categoryName, describedBy, fieldError, fieldLabel, optionLabel } from './components.js';

export interface TicketFormView {
  locale: Locale;
  values: TicketFormValues;
  errors: FormErrors;
  csrf: string;
  /** Signed-in customer: no email input; their address (if any) is shown instead. */
  signedInEmail: string | null | undefined;
  limits: AttachmentLimits;
  /** Files were dropped because of an error: ask to attach them again. */
  filesDropped: boolean;
}

function help(locale: Locale, id: string, key: string): Html {
  return hasMessage('en', key) ? html`<p class="help" id="${id}-help">${t(locale, key)}</p>` : html``;
}

function categoryField(locale: Locale, category: Category, spec: FieldSpec, value: string, error: string | undefined): Html {
  const id = `f-${category}-${spec.name}`;
  const name = `fields.${spec.name}`;
  const hasHelp = hasMessage('en', `field.${spec.name}.help`);
  const aria = describedBy(id, hasHelp, !!error);
  const label = html`<label for="${id}">${fieldLabel(locale, category, spec.name)}${spec.required ? '' : html` <span class="optional">(${t(locale, 'form.optional')})</span>`}</label>`;
  const placeholder = hasMessage('en', `field.${spec.name}.placeholder`) ? html` placeholder="${t(locale, `field.${spec.name}.placeholder`)}"` : '';
  let control: Html;
  if (spec.kind === 'select') {
    const options = (spec.options ?? []).map((o) => html`<option value="${o}"${flag(o === value, 'selected')}>${optionLabel(locale, spec.name, o)}</option>`);
    control = html`<select id="${id}" name="${name}"${flag(spec.required, 'required')}${aria}><option value="">${t(locale, 'field.choose')}</option>${options}</select>`;
  } else if (spec.kind === 'datetime') {
    control = html`<input id="${id}" name="${name}" type="datetime-local" value="${value}"${flag(spec.required, 'required')}${aria}>`;
  } else {
    // Amounts are decimal strings (never floats), so a text input with a decimal keyboard.
    const mode = spec.kind === 'number' ? html` inputmode="decimal" autocomplete="off"` : html` autocomplete="off" spellcheck="false"`;
    const max = spec.maxLength ? html` maxlength="${spec.maxLength}"` : '';
    control = html`<input id="${id}" name="${name}" type="text" value="${value}"${max}${mode}${placeholder}${flag(spec.required, 'required')}${aria}>`;
  }
  return html`<div class="field${error ? ' has-error' : ''}">${label}${control}${help(locale, id, `field.${spec.name}.help`)}${fieldError(id, error)}</div>`;
}

/**
 * One fieldset per category; only the chosen one is visible and enabled (disabled controls are
 * not submitted). Without JavaScript the customer picks a category with the small GET form
 * above and the page reloads; with it, the script swaps fieldsets in place.
 */
function categoryFieldsets(view: TicketFormView): Html {
  const { locale, values, errors } = view;
  return html`${categories.map((category) => {
    const chosen = category === values.category;
    const fields = categoryFields[category].map((spec) =>
      categoryField(locale, category, spec, chosen ? (values.fields[spec.name] ?? '') : '', chosen ? errors[`fields.${spec.name}`] : undefined),
    );
    return html`<fieldset class="category-fields" data-category="${category}"${flag(!chosen, 'hidden')}${flag(!chosen, 'disabled')}>
  <legend>${t(locale, 'form.fieldsLegend', { category: categoryName(locale, category) })}</legend>
  <p class="category-hint">${t(locale, `category.${category}.hint`)}</p>
  ${fields}
</fieldset>`;
  })}`;
}

function categoryPicker(view: TicketFormView): Html {
  const { locale, values, errors } = view;
  const error = errors.category;
  const options = categories.map((c) => html`<option value="${c}"${flag(c === values.category, 'selected')}>${categoryName(locale, c)}</option>`);
  return html`<form class="card category-picker" method="get" action="/tickets/new">
  <input type="hidden" name="lang" value="${locale}">
  <div class="field${error ? ' has-error' : ''}">
    <label for="category">${t(locale, 'form.category.label')}</label>
    <div class="picker-row">
      <select id="category" name="category" required data-category-picker${describedBy('category', false, !!error)}>
        <option value="">${t(locale, 'form.category.placeholder')}</option>${options}
      </select>
      <button type="submit" class="button secondary js-hide">${t(locale, 'form.category.continue')}</button>
    </div>
    ${fieldError('category', error)}
  </div>
</form>`;
}

export function ticketFormPage(view: TicketFormView): Html {
  const { locale, values, errors, limits } = view;
  const hasErrors = Object.keys(errors).length > 0;
  const emailBlock =
    view.signedInEmail === undefined
      ? html`<div class="field${errors.email ? ' has-error' : ''}">
    <label for="email">${t(locale, 'form.email.label')}</label>
    <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${values.email}"${describedBy('email', true, !!errors.email)}>
    <p class="help" id="email-help">${t(locale, 'form.email.help')}</p>
    ${fieldError('email', errors.email)}
  </div>`
      : html`<p class="signed-in-note">${view.signedInEmail ? t(locale, 'form.email.signedIn', { email: view.signedInEmail }) : t(locale, 'form.email.signedInNoEmail')}</p>`;
  const localeOptions = locales.map((l) => html`<option value="${l}"${flag(l === values.locale, 'selected')}>${localeNames[l]}</option>`);

  return html`<h1>${t(locale, 'form.title')}</h1>
<p class="lead">${t(locale, 'form.intro')}</p>
${hasErrors ? html`<div class="alert alert-error" role="alert">${t(locale, 'form.errorSummary')}</div>` : ''}
${categoryPicker(view)}
<form class="card ticket-form" method="post" action="/tickets/new" enctype="multipart/form-data" data-once>
  <input type="hidden" name="_csrf" value="${view.csrf}">
  <input type="hidden" name="category" value="${values.category}" data-category-value>
  <input type="hidden" name="tz_offset" value="" data-tz-offset>
  ${isCategory(values.category) ? '' : html`<p class="muted" data-no-category>${t(locale, 'form.chooseCategoryFirst')}</p>`}
  ${categoryFieldsets(view)}
  <div class="field${errors.subject ? ' has-error' : ''}">
    <label for="subject">${t(locale, 'form.subject.label')}</label>
    <input id="subject" name="subject" type="text" required maxlength="${SUBJECT_MAX}" value="${values.subject}"${describedBy('subject', true, !!errors.subject)}>
    <p class="help" id="subject-help">${t(locale, 'form.subject.help')}</p>
    ${fieldError('subject', errors.subject)}
  </div>
  <div class="field${errors.description ? ' has-error' : ''}">
    <label for="description">${t(locale, 'form.description.label')}</label>
    <textarea id="description" name="description" rows="7" required maxlength="${DESCRIPTION_MAX}"${describedBy('description', true, !!errors.description)}>${values.description}</textarea>
    <p class="help" id="description-help">${t(locale, 'form.description.help')}</p>
    ${fieldError('description', errors.description)}
  </div>
  ${emailBlock}
  <div class="field${errors.locale ? ' has-error' : ''}">
    <label for="locale">${t(locale, 'form.locale.label')}</label>
    <select id="locale" name="locale"${describedBy('locale', false, !!errors.locale)}>${localeOptions}</select>
    ${fieldError('locale', errors.locale)}
  </div>
  ${attachmentsField(locale, limits, errors.attachments, view.filesDropped)}
  <div class="actions">
    <button type="submit" class="button primary" data-sending="${t(locale, 'form.sending')}">${t(locale, 'form.submit')}</button>
  </div>
</form>`;
}
