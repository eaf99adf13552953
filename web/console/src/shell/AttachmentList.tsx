import { useRef, useState, type MouseEvent } from 'react';
import { useI18n } from '../i18n';

export interface ShownAttachment {
  id: string;
  filename: string;
  url: string;
  contentType?: string;
  size?: number;
}

/** Images, PDFs, everything else: the server names the type from the file's bytes, never the client. */
const kindOf = (a: ShownAttachment) => (a.contentType?.startsWith('image/') ? 'image' : a.contentType === 'application/pdf' ? 'pdf' : 'file');

export function formatSize(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * Attachments through the server's own URLs (the session cookie authorises them; the server sends
 * them as downloads under a sandboxing CSP). Images show as thumbnails that open larger in a
 * dialog; a PDF opens in a new tab from a blob of its bytes, so the browser's viewer shows it
 * rather than a download; anything else is a download link with its name and size.
 */
export function AttachmentList({ attachments }: { attachments: ShownAttachment[] }) {
  const { t, locale } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [large, setLarge] = useState<ShownAttachment | null>(null);

  async function openPdf(e: MouseEvent, a: ShownAttachment) {
    e.preventDefault();
    const tab = window.open('', '_blank');
    try {
      const res = await fetch(a.url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const blob = new Blob([await res.arrayBuffer()], { type: 'application/pdf' });
      if (tab) tab.location.href = URL.createObjectURL(blob);
    } catch {
      tab?.close();
      window.alert(t('attach.openFailed', { name: a.filename }));
    }
  }

  return (
    <>
      <ul className="attachments" aria-label={t('attach.list')}>
        {attachments.map((a) => {
          const size = a.size === undefined ? '' : ` (${formatSize(a.size, locale)})`;
          const kind = kindOf(a);
          return (
            <li key={a.id} className={`attachment attachment-${kind}`}>
              {kind === 'image' ? (
                <button type="button" className="thumb" aria-label={t('attach.enlarge', { name: a.filename })} onClick={() => (setLarge(a), dialog.current?.showModal())}>
                  <img src={a.url} alt={a.filename} loading="lazy" />
                </button>
              ) : kind === 'pdf' ? (
                <a href={a.url} onClick={(e) => void openPdf(e, a)} rel="noopener">
                  {t('attach.openPdf', { name: a.filename })}
                </a>
              ) : (
                <a href={a.url} download={a.filename}>
                  {t('attach.download', { name: a.filename })}
                </a>
              )}
              <span className="attachment-size">{size}</span>
            </li>
          );
        })}
      </ul>
      <dialog ref={dialog} className="attachment-dialog" aria-label={large?.filename ?? ''} onClose={() => setLarge(null)}>
        {large ? <img src={large.url} alt={large.filename} /> : null}
        <form method="dialog">
          <button type="submit">{t('attach.close')}</button>
        </form>
      </dialog>
    </>
  );
}
