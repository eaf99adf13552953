import type { Locator, Page } from 'playwright-core';

/** The widget's "Request a callback" form, reached from the pre-chat form (widget open on the demo page). */
export class WidgetCallbackForm {
  constructor(readonly window: Locator) {}

  async open(): Promise<void> {
    await this.window.getByRole('button', { name: 'Prefer a phone call? Request a callback' }).click();
    await this.section().waitFor();
  }

  section(): Locator {
    return this.window.getByRole('region', { name: 'Request a callback' });
  }

  phone(): Locator {
    return this.section().getByLabel('Phone number with country code');
  }

  async fill(phone: string, topic: string, note: string): Promise<void> {
    await this.phone().fill(phone);
    await this.section().getByLabel('What should the call be about?').selectOption({ label: topic });
    await this.section().getByLabel('Anything we should know before calling? (optional)').fill(note);
  }

  async submit(): Promise<void> {
    await this.section().getByRole('button', { name: 'Request the callback' }).click();
  }

  confirmation(): Locator {
    return this.section().getByRole('status');
  }
}

/** The console's Callbacks screen: rows found by their ticket number, actions by their accessible names. */
export class ConsoleCallbacks {
  constructor(readonly page: Page) {}

  async openFromNavigation(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Callbacks' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Callback queue' }).waitFor();
  }

  row(number: string): Locator {
    return this.page.getByRole('row').filter({ hasText: number });
  }

  async assignToMe(number: string): Promise<void> {
    await this.page.getByRole('button', { name: `Assign the callback for ${number} to me` }).click();
  }

  outcomeForm(number: string): Locator {
    return this.page.getByRole('form', { name: `Outcome of the callback for ${number}` });
  }

  async openOutcome(number: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Record the outcome of the callback for ${number}` }).click();
    return this.outcomeForm(number);
  }

  async recordOutcome(number: string, outcome: string, note?: string): Promise<void> {
    const form = await this.openOutcome(number);
    await form.getByRole('radio', { name: outcome }).check();
    if (note) await form.getByLabel('Note for the ticket (optional)').fill(note);
    await form.getByRole('button', { name: 'Save outcome' }).click();
  }

  notice(): Locator {
    return this.page.getByRole('status');
  }
}
