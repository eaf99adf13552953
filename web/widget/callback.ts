import { clear, h } from './dom.js';
import { fill, type WidgetLocale, type WidgetStrings } from './locales.js';

/** The server's rules (src/modules/identity/customers.ts PHONE_PATTERN, callbackSchema.ts), checked here first to spare a round trip. */
const PHONE = /^\+[1-9]\d{7,14}$/;
const MAX_AHEAD_MS = 14 * 24 * 3600_000;

type Field = 'phone' | 'topic' | 'from' | 'to' | 'note';
export type CallbackErrors = Partial<Record<Field | 'form', string>>;
export interface CallbackValues { phone: string; topic: string; from: string; to: string; note: string }

/** A datetime-local value as an instant in the visitor's own time zone (empty stays empty). */
const instant = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/** What the visitor typed, as `POST /api/v1/callbacks` takes it, or the errors to show under the fields. */
export function checkCallback(v: CallbackValues, s: WidgetStrings, now = Date.now()): { errors: CallbackErrors; body?: Record<string, string> } {
  const errors: CallbackErrors = {};
  const phone = v.phone.replace(/[\s\-().]/g, '');
  if (!PHONE.test(phone)) errors.phone = s.cbErrorPhone;
  if (!v.topic) errors.topic = s.cbErrorTopic;
  const from = instant(v.from);
  const to = instant(v.to);
  if (!!from !== !!to) errors[from ? 'to' : 'from'] = s.cbErrorBothEnds;
  else if (from && to && (Date.parse(to) <= Date.parse(from) || Date.parse(to) <= now)) errors.to = s.cbErrorWindow;
  else if (from && Date.parse(from) > now + MAX_AHEAD_MS) errors.from = s.cbErrorAhead;
  if (Object.keys(errors).length > 0) return { errors };
  const body: Record<string, string> = { phone, topic: v.topic };
  if (from && to) Object.assign(body, { preferredFrom: from, preferredTo: to, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  if (v.note.trim()) body.note = v.note.trim();
  return { errors, body };
}

/** The server's field (`preferredTo`) as the form's (`to`). */
const fieldOf: Record<string, Field> = { phone: 'phone', topic: 'topic', preferredFrom: 'from', preferredTo: 'to', timezone: 'from', note: 'note' };

/**
 * "Request a callback": phone number, topic, an optional window and a note, posted to the
 * public callbacks API without cookies. Success shows the ticket number; refusals show under
 * the field the server names.
 */
export function callbackView(opts: { s: WidgetStrings; origin: string; locale: WidgetLocale; back(): void }) {
  const { s } = opts;
  const fieldText: Partial<Record<Field, string>> = { phone: s.cbErrorPhone, topic: s.cbErrorTopic, from: s.cbErrorWindow, to: s.cbErrorWindow };
  const errorOf: Partial<Record<Field, HTMLElement>> = {};
  const inputs = {} as Record<Field, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;
  const row = (name: Field, label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) => {
    input.id = `ld-cb-${name}`;
    inputs[name] = input;
    const error = h('p', { class: 'ld-error', id: `ld-cb-${name}-error`, role: 'alert', hidden: true });
    errorOf[name] = error;
    return h('div', { class: 'ld-field' }, h('label', { for: input.id }, label), input, error);
  };
  const topic = h('select', { required: true });
  const formError = h('p', { class: 'ld-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'ld-primary' }, s.cbSubmit);
  const form = h('form', { class: 'ld-callback-form', novalidate: true },
    h('p', { class: 'ld-hint' }, s.cbIntro),
    row('phone', s.cbPhone, h('input', { type: 'tel', autocomplete: 'tel', required: true, placeholder: '+82 10 1234 5678' })),
    row('topic', s.cbTopic, topic),
    row('from', s.cbFrom, h('input', { type: 'datetime-local' })),
    row('to', s.cbTo, h('input', { type: 'datetime-local' })),
    row('note', s.cbNote, h('textarea', { rows: '2', maxlength: '2000' })),
    formError, submit);
  const done = h('p', { class: 'ld-done', role: 'status' });
  const backButton = h('button', { type: 'button', class: 'ld-secondary' }, s.cbBack);
  backButton.addEventListener('click', () => opts.back());
  const el = h('section', { class: 'ld-callback', 'aria-label': s.cbTitle, hidden: true }, h('h3', {}, s.cbTitle), form, done, backButton);

  function show(errors: CallbackErrors): void {
    for (const [name, p] of Object.entries(errorOf) as [Field, HTMLElement][]) {
      const text = errors[name];
      p.textContent = text ?? '';
      p.hidden = !text;
      if (text) inputs[name].setAttribute('aria-invalid', 'true');
      else inputs[name].removeAttribute('aria-invalid');
      if (text) inputs[name].setAttribute('aria-describedby', p.id);
      else inputs[name].removeAttribute('aria-describedby');
    }
    formError.textContent = errors.form ?? '';
    formError.hidden = !errors.form;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value])) as unknown as CallbackValues;
    const { errors, body } = checkCallback(values, s);
    show(errors);
    if (!body) return;
    submit.disabled = true;
    void fetch(`${opts.origin}/api/v1/callbacks`, {
      method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, locale: opts.locale, source: 'widget' }),
    }).then(async (res) => {
      const data = (await res.json().catch(() => ({}))) as { ticketNumber?: string; error?: { code?: string; field?: string; message?: string } };
      if (res.status === 201 && data.ticketNumber) {
        form.hidden = true;
        done.textContent = fill(s.cbDone, { number: data.ticketNumber });
        return;
      }
      const field = data.error?.field ? fieldOf[data.error.field] : undefined;
      if (res.status === 429) show({ form: s.cbRateLimited });
      // The field the server named, in the visitor's language (its own message is English).
      else if (field) show({ [field]: fieldText[field] ?? data.error?.message ?? s.cbFailed });
      else show({ form: s.cbFailed });
    }).catch(() => show({ form: s.cbFailed })).finally(() => (submit.disabled = false));
  });

  return {
    el,
    setTopics(topics: { value: string; label: string }[]): void {
      clear(topic);
      topic.append(h('option', { value: '' }, s.cbChooseTopic));
      for (const t of topics) topic.append(h('option', { value: t.value }, t.label));
    },
    reset(): void {
      form.reset();
      form.hidden = false;
      done.textContent = '';
      show({});
    },
    focus: () => inputs.phone.focus(),
  };
}
