import sanitizeHtml from 'sanitize-html';

/**
 * Customer HTML made safe to show in the console: no scripts, styles, event handlers, forms or
 * frames; links only to http(s)/mailto (opened in a new tab without the referrer); images only
 * from the message itself (`cid:`, rewritten to our attachment URLs once stored) — a remote
 * image is a tracking pixel or a way to learn an agent's address.
 */
export function sanitiseEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align'],
      th: ['colspan', 'rowspan', 'align'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['cid'] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

/** Points `cid:` images at the stored attachments; unknown ids lose their source. */
export function linkInlineImages(html: string, urlForCid: (cid: string) => string | undefined): string {
  return html.replace(/src="cid:([^"]*)"/gi, (_whole, cid: string) => {
    const url = urlForCid(decodeURIComponent(cid).replace(/^<|>$/g, ''));
    return url ? `src="${url}"` : 'src=""';
  });
}
