/** Public addresses of help-center pages; the API, pages, sitemap and bot all link through these. */
export const helpHome = (locale: string): string => `/help/${locale}`;
export const articleUrl = (locale: string, slug: string): string => `/help/${locale}/articles/${encodeURIComponent(slug)}`;
export const categoryUrl = (locale: string, slug: string): string => `/help/${locale}/categories/${encodeURIComponent(slug)}`;
export const searchUrl = (locale: string, query: string): string => `/help/${locale}/search?q=${encodeURIComponent(query)}`;
