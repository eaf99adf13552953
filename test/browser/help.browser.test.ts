import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserApp } from './browserApp.js';
import { browserSkipReason } from './chromium.js';
import { HelpArticlePage, HelpHomePage } from './pages/helpPages.js';

const skip = browserSkipReason();

describe('help center in Chromium', () => {
  const env = useBrowserApp({ SEED_HELP_CENTER: 'true' });

  it('suggestions while typing: a combobox driven by the arrow keys, Escape closes it, Enter opens the article', { skip }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 960, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const home = new HelpHomePage(page, env.baseUrl);
    await home.open();
    const box = home.searchBox();
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');

    await box.pressSequentially('withdrawal');
    await home.options().first().waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.equal(await box.getAttribute('aria-controls'), await home.suggestions().getAttribute('id'));
    const titles = await home.options().allTextContents();
    assert.ok(titles.length > 0 && titles.every((title) => /withdraw/i.test(title)), titles.join(' | '));

    await box.press('ArrowDown');
    await box.press('ArrowDown');
    const second = home.options().nth(1);
    assert.equal(await second.getAttribute('aria-selected'), 'true');
    assert.equal(await box.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
    await box.press('ArrowUp');
    assert.equal(await home.options().first().getAttribute('aria-selected'), 'true');

    await box.press('Escape');
    assert.equal(await home.suggestions().isHidden(), true);
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.inputValue(), 'withdrawal', 'Escape closes the list and keeps the text');

    await box.press('ArrowDown');
    await home.options().first().waitFor();
    await box.press('ArrowDown');
    const href = await home.options().first().getByRole('link').getAttribute('href');
    await Promise.all([page.waitForURL((url) => url.pathname === href), box.press('Enter')]);
    assert.match(href ?? '', /^\/help\/en\/articles\//);
    assert.match((await new HelpArticlePage(page).heading().textContent()) ?? '', /withdraw/i);
    await context.close();
  });

  it('without JavaScript: search with the form, read an article and vote with a comment', { skip }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    const page = await context.newPage();
    const home = new HelpHomePage(page, env.baseUrl);
    await home.open();
    await home.search('memo');
    await page.getByRole('link', { name: /memo or tag/i }).first().click();
    const article = new HelpArticlePage(page);
    assert.match((await article.heading().textContent()) ?? '', /memo/i);
    await article.vote('No', 'Please add TON examples');
    await article.feedback().getByRole('status').getByText('Thank you for your feedback').waitFor();
    const row = await env.app.ctx.db.selectFrom('article_feedback').selectAll().where('comment', '=', 'Please add TON examples').executeTakeFirst();
    assert.equal(row?.helpful, 0);
    await context.close();
  });

  it('articles with tables fit a phone-sized screen without the page scrolling sideways', { skip }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    for (const path of ['/help/ko', '/help/en/articles/deposit-not-credited', '/help/zh-CN/categories/trading']) {
      await page.goto(`${env.baseUrl}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`);
    }
    await context.close();
  });
});
