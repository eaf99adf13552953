/** The help-center editing API's shapes (/api/v1/kb). */
export interface ArticleListItem {
  id: string;
  slug: string;
  kind: string;
  status: 'draft' | 'published' | 'archived';
  locales: string[];
  title: string;
  updatedAt: string;
  viewCount: number;
}

export interface Translation {
  locale: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  versionId: string | null;
  url: string | null;
}

export interface EditorArticle {
  id: string;
  slug: string;
  status: ArticleListItem['status'];
  translations: Translation[];
  abilities: { editArticles: boolean; publishArticles: boolean };
}
