import MarkdownIt from 'markdown-it';

/**
 * Article Markdown → safe HTML. Raw HTML in the source is shown as text (html: false), links
 * and images only to http(s), mailto and site-relative addresses, and videos only from an
 * allow-list of players, embedded with `![video](url)` or `![title](https://youtu.be/…)`.
 * The page CSP (frame-src) names the same players, so a gap here could not load anything else.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const SAFE_URL = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;
md.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());

interface Player {
  match: RegExp;
  embed: (id: string) => string;
}

export const videoPlayers: Player[] = [
  { match: /^https:\/\/(?:www\.)?(?:youtube\.com\/watch\?(?:.*&)?v=|youtu\.be\/|youtube\.com\/embed\/)([\w-]{6,20})/, embed: (id) => `https://www.youtube-nocookie.com/embed/${id}` },
  { match: /^https:\/\/(?:www\.)?bilibili\.com\/video\/(BV[0-9A-Za-z]{6,16})/, embed: (id) => `https://player.bilibili.com/player.html?bvid=${id}&autoplay=0` },
  { match: /^https:\/\/(?:www\.)?vimeo\.com\/(\d{4,12})/, embed: (id) => `https://player.vimeo.com/video/${id}` },
];
/** Origins pages must allow in `frame-src` for the players above. */
export const videoFrameOrigins = ['https://www.youtube-nocookie.com', 'https://player.bilibili.com', 'https://player.vimeo.com'];

const escape = md.utils.escapeHtml;

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const alt = token.content;
  for (const player of videoPlayers) {
    const found = player.match.exec(src);
    if (found) {
      return `<span class="video"><iframe src="${escape(player.embed(found[1]!))}" title="${escape(alt || 'video')}" loading="lazy" allowfullscreen referrerpolicy="strict-origin-when-cross-origin" sandbox="allow-scripts allow-same-origin allow-presentation"></iframe></span>`;
    }
  }
  if (/\.(?:mp4|webm)(?:[?#].*)?$/i.test(src)) {
    return `<video controls preload="metadata" src="${escape(src)}">${escape(alt)}</video>`;
  }
  return `<img src="${escape(src)}" alt="${escape(alt)}" loading="lazy">`;
};

// Links that leave the site do not pass our page to the other site or its ranking.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx]!.attrGet('href') ?? '';
  if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Tables scroll sideways on a phone instead of widening the page.
md.renderer.rules.table_open = () => '<div class="table-scroll"><table>\n';
md.renderer.rules.table_close = () => '</table></div>\n';

/** The article body as HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Plain text of a Markdown body (for meta descriptions and feeds). */
export function markdownText(source: string, maxChars = 300): string {
  const text = md
    .render(source)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}
