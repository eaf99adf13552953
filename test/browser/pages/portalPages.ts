import type { Locator, Page } from 'playwright-core';

/**
 * Page objects for the customer portal. Locators go by role and accessible name, the way a
 * person (or a screen reader) finds things, so markup can change without breaking the tests.
 */
export class HomePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open(lang = 'en'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/?lang=${lang}`);
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async switchLanguage(name: '中文' | 'English' | '한국어'): Promise<void> {
    await this.page.getByRole('navigation', { name: /Language|语言|언어/ }).getByRole('link', { name }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }

  async goToNewRequest(): Promise<void> {
    await this.page.getByRole('link', { name: /Submit a request|提交工单|1:1 문의하기/ }).first().click();
  }
}

export interface DepositDetails {
  coin: string;
  network: string;
  amount: string;
  txId: string;
  address: string;
}

export class NewRequestPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open(lang = 'en'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/tickets/new?lang=${lang}`);
  }

  category(): Locator {
    return this.page.getByLabel('What is your request about?');
  }

  /** The visible fieldset of the chosen category (hidden ones have no role). */
  details(): Locator {
    return this.page.getByRole('group', { name: /^Details:/ });
  }

  async chooseCategory(label: string): Promise<void> {
    await this.category().selectOption({ label });
    await this.details().waitFor();
  }

  async fillDeposit(d: DepositDetails): Promise<void> {
    const details = this.details();
    await details.getByLabel('Coin').fill(d.coin);
    await details.getByLabel('Network').fill(d.network);
    await details.getByLabel('Amount').fill(d.amount);
    await details.getByLabel('TxID (transaction hash)').fill(d.txId);
    await details.getByLabel('Your deposit address').fill(d.address);
  }

  async fillRequest(subject: string, description: string, email: string): Promise<void> {
    await this.page.getByLabel('Subject').fill(subject);
    await this.page.getByLabel('Description').fill(description);
    await this.page.getByLabel('Email address').fill(email);
  }

  async attach(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await this.page.getByLabel(/^Attachments/).setInputFiles({ name, mimeType, buffer });
  }

  async submit(): Promise<void> {
    await Promise.all([this.page.waitForURL(/\/submitted$/), this.page.getByRole('button', { name: 'Submit request' }).click()]);
  }
}

export class ConfirmationPage {
  constructor(readonly page: Page) {}

  async ticketNumber(): Promise<string> {
    const text = await this.page.getByText(/^LD-\d+$/).textContent();
    return (text ?? '').trim();
  }

  privateLink(): Locator {
    return this.page.getByRole('textbox', { name: 'Your private link' });
  }

  async viewRequest(): Promise<void> {
    await this.page.getByRole('link', { name: 'View my request' }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }
}

export class TicketPage {
  constructor(readonly page: Page) {}

  status(): Locator {
    return this.page.getByRole('region', { name: 'Status' });
  }

  conversation(): Locator {
    return this.page.getByRole('region', { name: 'Conversation' });
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }
}
