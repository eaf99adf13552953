import { z } from 'zod';
import { contentLocales } from '../locales.js';

/**
 * Path parameters, query strings and the feedback form of the public help pages. Query strings
 * are z.object, not strictObject: links to these pages pick up tracking parameters we do not
 * control, and a crawlable page must not turn into an error because of them. Any language or
 * slug is accepted here and answered with the HTML 404 page when we have none.
 */
export const localeParams = z.object({ locale: z.string().max(40).describe('Content language, e.g. zh-CN, en, ko') });

export const slugParams = localeParams.extend({ slug: z.string().max(200).describe('Article or category slug') });

export const articlePageQuery = z.object({
  feedback: z.string().max(10).optional().describe('"sent": show the thank-you after a vote'),
});

export const verifyPageQuery = z.object({
  value: z.string().max(4000).optional().describe('The link, address, handle or number to check'),
});

export const searchPageQuery = z.object({
  // Search reads the first 256 characters; longer input is still a search, not an error.
  q: z.string().max(4000).optional().describe('What the reader typed'),
});

export const feedbackForm = z.strictObject({
  helpful: z.enum(['yes', 'no']).describe('Which button was pressed'),
  comment: z.string().trim().max(1000).optional().describe('What was missing or wrong (optional)'),
  locale: z.enum(contentLocales).optional().describe('Language of the text that was read (the page may have fallen back)'),
  _csrf: z.string().max(200).optional().describe('Form token of cookie-authenticated readers; checked before validation'),
});
