import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { hasMessage, t, type Locale } from '../../../platform/i18n/index.js';
import { requireAgent } from '../../identity/http/authenticate.js';
import { categories, categoryFields, type FieldSpec } from '../categories.js';
import { listCategoriesQuery } from './categorySchema.js';

const labelOr = (locale: Locale, key: string, fallback: string) => (hasMessage('en', key) ? t(locale, key) : fallback);

function presentField(locale: Locale, spec: FieldSpec) {
  return {
    name: spec.name,
    kind: spec.kind,
    required: spec.required,
    label: labelOr(locale, `field.${spec.name}.label`, spec.name),
    ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
    ...(spec.options ? { options: spec.options.map((value) => ({ value, label: labelOr(locale, `field.${spec.name}.option.${value}`, value) })) } : {}),
  };
}

/** What the console's category editor offers: the same specs the server validates PATCH fields with. */
export function presentCategories(locale: Locale) {
  return categories.map((value) => ({ value, label: t(locale, `category.${value}.name`), fields: categoryFields[value].map((spec) => presentField(locale, spec)) }));
}

export function registerCategoryRoutes(app: FastifyInstance, _ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/categories', {
    onRequest: requireAgent('tickets:read'),
    schema: { tags: ['tickets'], summary: 'Ticket categories and the fields each asks for, labelled', querystring: listCategoriesQuery },
  }, async (request) => ({ items: presentCategories(request.query.locale) }));
}
