import type { Locator, Page } from 'playwright-core';

/** Page object for the chat widget on the demo page, found by role and name like a person would. */
export class ChatWidget {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async openDemo(lang = 'en'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/chat-demo?lang=${lang}`);
  }

  launcher(): Locator {
    return this.page.getByRole('button', { name: 'Chat with support' });
  }

  window(): Locator {
    return this.page.getByRole('dialog', { name: 'Support' });
  }

  /** The security alerts the desk published, shown above the pre-chat form. */
  notices(): Locator {
    return this.window().getByRole('complementary', { name: 'Security notices' });
  }

  async open(): Promise<void> {
    await this.launcher().click();
    await this.window().waitFor();
  }

  async start(topic: string, question: string, email?: string): Promise<void> {
    const w = this.window();
    await w.getByLabel('What is it about?').selectOption({ label: topic });
    if (email) await w.getByLabel(/^Email/).fill(email);
    await w.getByLabel('Your question').fill(question);
    await w.getByRole('button', { name: 'Start chat' }).click();
    await this.conversation().getByText(question).waitFor();
  }

  conversation(): Locator {
    return this.window().getByRole('log');
  }

  async send(text: string): Promise<void> {
    await this.window().getByRole('textbox', { name: 'Message' }).fill(text);
    await this.window().getByRole('button', { name: 'Send', exact: true }).click();
  }

  followLink(): Locator {
    return this.window().getByRole('link', { name: /Follow this conversation as ticket/ });
  }
}
