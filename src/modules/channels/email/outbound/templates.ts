import { emailText } from '../locales/index.js';

export type OutboundKind = 'reply' | 'acknowledgement' | 'guest_link' | 'transcript';

export interface TemplateInput {
  kind: OutboundKind;
  locale: string;
  /** Our sender name (EMAIL_FROM), e.g. "LedgerX Support". */
  brand: string;
  number: string;
  subject: string;
  customerName: string | null;
  /** reply: the agent's words; transcript: the conversation, one line per message. */
  body?: string;
  /** A guest link to the ticket, for customers without an account. */
  link?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A subject without our number and reply prefixes, so replies do not grow "Re: Re: [LD-1] …". */
export function baseSubject(subject: string, prefix: string): string {
  const number = new RegExp(`\\[?${prefix}-\\d+\\]?`, 'g');
  let s = subject.replace(number, ' ');
  for (let i = 0; i < 5; i++) s = s.replace(/^\s*(re|fw|fwd|aw|sv|回复|回覆|答复|转发|회신|답장|전달)\s*[:：]\s*/i, '');
  return s.replace(/\s+/g, ' ').trim();
}

function paragraphs(input: TemplateInput): string[] {
  const v = { brand: input.brand, number: input.number, link: input.link ?? '', name: input.customerName ?? '' };
  const t = (key: Parameters<typeof emailText>[1]) => emailText(input.locale, key, v);
  const greeting = input.customerName ? t('greeting') : t('greetingAnonymous');
  const follow = input.link ? [t('followLink')] : [];
  switch (input.kind) {
    case 'reply':
      return [input.body ?? '', '—', t('replyFooter'), ...follow, t('safety'), t('signature')];
    case 'acknowledgement':
      return [greeting, t('ackBody'), ...follow, t('safety'), t('signature')];
    case 'guest_link':
      return [greeting, t('guestLinkBody'), t('safety'), t('signature')];
    case 'transcript':
      return [greeting, t('transcriptIntro'), input.body ?? '', '—', t('replyFooter'), ...follow, t('safety'), t('signature')];
  }
}

const linkify = (escaped: string) => escaped.replace(/https?:\/\/[^\s<&]+/g, (url) => `<a href="${url}">${url}</a>`);

/** The email in the ticket's language (zh-CN, en or ko; English for the others), as text and HTML. */
export function renderEmail(input: TemplateInput): RenderedEmail {
  const subjectKey = input.kind === 'reply' ? 'replySubject' : input.kind === 'transcript' ? 'transcriptSubject' : 'ackSubject';
  const subject = emailText(input.locale, subjectKey, { number: input.number, subject: input.subject });
  const parts = paragraphs(input).filter((p) => p !== '');
  const text = `${parts.join('\n\n')}\n`;
  const body = parts
    .map((p) => (p === '—' ? '<hr style="border:none;border-top:1px solid #ddd">' : `<p>${linkify(escapeHtml(p)).replace(/\n/g, '<br>')}</p>`))
    .join('\n');
  const lang = input.locale === 'zh-CN' || input.locale === 'ko' ? input.locale : 'en';
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body style="font-family:-apple-system,'Segoe UI','PingFang SC','Malgun Gothic',sans-serif;font-size:14px;line-height:1.6;color:#1f2328">\n${body}\n</body></html>`;
  return { subject, text, html };
}
