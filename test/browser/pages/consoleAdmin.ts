import type { Locator, Page } from 'playwright-core';

/** Page object for the console's admin area (/console/admin/…), by role and accessible name (English). */
export class ConsoleAdmin {
  constructor(readonly page: Page) {}

  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Admin sections' });
  }

  async open(section: string | RegExp): Promise<void> {
    await this.nav().getByRole('link', { name: section }).click();
    await this.page.getByRole('heading', { level: 1, name: section }).waitFor();
  }

  form(name: string | RegExp): Locator {
    return this.page.getByRole('form', { name });
  }

  table(name: string): Locator {
    return this.page.getByRole('table', { name });
  }

  row(table: string, heading: string): Locator {
    return this.table(table).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: heading, exact: true }) });
  }

  /** The message tied to a field by aria-describedby. */
  async fieldError(field: Locator): Promise<string> {
    const id = await field.getAttribute('aria-describedby');
    return id ? ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }

  status(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}
