import type { Locator, Page } from 'playwright-core';

/** Page objects for the public help center, found by role and accessible name like the portal's. */
export class HelpHomePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open(locale = 'en'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/help/${locale}`);
  }

  /** The search input: a combobox once the script runs, a plain search box without it. */
  searchBox(name: string | RegExp = 'Search the help center'): Locator {
    return this.page.getByRole('combobox', { name }).or(this.page.getByRole('searchbox', { name }));
  }

  suggestions(): Locator {
    return this.page.getByRole('listbox');
  }

  options(): Locator {
    return this.suggestions().getByRole('option');
  }

  async search(query: string): Promise<void> {
    await this.searchBox().fill(query);
    await Promise.all([this.page.waitForURL(/\/search\?q=/), this.page.getByRole('button', { name: 'Search', exact: true }).click()]);
  }
}

export class HelpArticlePage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  feedback(): Locator {
    return this.page.getByRole('region', { name: 'Was this article helpful?' });
  }

  async vote(answer: 'Yes' | 'No', comment?: string): Promise<void> {
    const box = this.feedback();
    if (comment) {
      // The comment box is folded into a <details> so the vote stays one click.
      await box.locator('summary').click();
      await box.getByRole('textbox', { name: 'How can we improve this article?' }).fill(comment);
    }
    await Promise.all([this.page.waitForURL(/feedback=sent/), box.getByRole('button', { name: answer, exact: true }).click()]);
  }
}
