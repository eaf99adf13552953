import { t } from '../../../platform/i18n/index.js';
import { html, type Html } from '../../portal/html.js';
import type { ArticleSummary, HelpCategory, HelpSection } from '../queries.js';
import { articleList, breadcrumbs, searchForm, type Reader } from './chrome.js';

export interface CategoryView {
  reader: Reader;
  category: HelpCategory;
  /** Sections with their published articles; empty sections are left out. */
  sections: { section: HelpSection; articles: ArticleSummary[] }[];
}

/** Anchor of a section on its category page (breadcrumbs link to it). */
export const sectionAnchor = (slug: string): string => `s-${slug}`;

export function categoryPage({ reader, category, sections }: CategoryView): Html {
  const blocks = sections.map(
    ({ section, articles }) => html`<section class="help-section" id="${sectionAnchor(section.slug)}" aria-labelledby="${sectionAnchor(section.slug)}-title">
  <h2 id="${sectionAnchor(section.slug)}-title">${section.title}</h2>
  ${articleList(reader, articles)}
</section>`,
  );
  return html`${breadcrumbs(reader, [{ label: category.title }])}
<h1>${category.title}</h1>
${category.description ? html`<p class="lead">${category.description}</p>` : ''}
${searchForm(reader)}
${sections.length ? blocks : html`<p class="card muted">${t(reader.ui, 'help.category.empty')}</p>`}`;
}
