import type { Locator, Page } from 'playwright-core';

/** The workspace's side panel and reply box beyond ConsoleTicket: macros, files, category, exchange account. */
export class ConsoleWorkspace {
  constructor(readonly page: Page) {}

  /** Picks a macro in the reply box and returns its preview (nothing is applied yet). */
  async previewMacro(name: string): Promise<Locator> {
    await this.page.getByLabel('Macro (m)').selectOption({ label: name });
    return this.page.getByRole('region', { name: 'What this macro will do' });
  }

  async attach(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel('Attach files').setInputFiles(file);
  }

  categoryForm(): Locator {
    return this.page.getByRole('form', { name: 'Request details' });
  }

  /** The error text tied to a field by aria-describedby. */
  async errorOf(field: Locator): Promise<string> {
    const id = await field.getAttribute('aria-describedby');
    return id ? ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }

  exchange(): Locator {
    return this.page.getByRole('region', { name: 'Exchange account' });
  }

  timelineEvent(text: string | RegExp): Locator {
    return this.page.getByRole('list', { name: 'Conversation' }).getByRole('listitem').filter({ hasText: text });
  }
}
