import { createElement, type ReactNode } from 'react';

/**
 * The server's rendered Markdown (POST /api/v1/kb/preview, already sanitised) turned into React
 * elements from an allow-list, so nothing is injected as HTML and no attribute but a safe link or
 * image source survives. Embedded videos show as links (the console's CSP frames nothing).
 */
const allowed = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'code', 'pre', 'blockquote', 'hr', 'br', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 's']);
const SAFE_URL = /^(https?:|mailto:|\/(?!\/))/i;

function convert(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  const children = Array.from(el.childNodes, (c, i) => convert(c, i));
  if (tag === 'iframe' || tag === 'video') {
    const src = el.getAttribute('src') ?? '';
    return SAFE_URL.test(src) ? createElement('p', { key }, createElement('a', { href: src, target: '_blank', rel: 'noreferrer noopener' }, src)) : null;
  }
  if (!allowed.has(tag)) return createElement('span', { key }, ...children);
  if (tag === 'a') {
    const href = el.getAttribute('href') ?? '';
    return createElement('a', { key, ...(SAFE_URL.test(href) ? { href, target: '_blank', rel: 'noreferrer noopener' } : {}) }, ...children);
  }
  if (tag === 'img') {
    const src = el.getAttribute('src') ?? '';
    return SAFE_URL.test(src) ? createElement('img', { key, src, alt: el.getAttribute('alt') ?? '' }) : null;
  }
  if (tag === 'hr' || tag === 'br') return createElement(tag, { key });
  return createElement(tag, { key }, ...children);
}

export function Preview({ html, label }: { html: string; label: string }) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (
    <article className="article-preview" aria-label={label}>
      {Array.from(doc.body.childNodes, (n, i) => convert(n, i))}
    </article>
  );
}
