import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { AppContext } from '../../../src/context.js';
import { SESSION_COOKIE } from '../../../src/modules/identity/http/authenticate.js';
import { createSession } from '../../factories.js';

/**
 * Page objects for the agent console (/console). Locators go by role and accessible name; where
 * a name depends on the interface language, the three languages are matched together.
 */
export class ConsoleLogin {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console`);
    await this.page.getByRole('heading', { name: /Sign in to the agent console|登录客服工作台|상담원 콘솔 로그인/ }).waitFor();
  }

  email(): Locator {
    return this.page.getByLabel('Work email');
  }

  password(): Locator {
    return this.page.getByLabel('Password');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email().fill(email);
    await this.password().fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  code(): Locator {
    return this.page.getByLabel('Verification code');
  }

  async enterCode(code: string): Promise<void> {
    await this.code().fill(code);
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }

  /** The message under a field (tied to it by aria-describedby). */
  async fieldError(field: Locator): Promise<string> {
    const id = await field.getAttribute('aria-describedby');
    return id ? ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }

  formError(): Locator {
    return this.page.getByRole('alert');
  }
}

/** A console page at `path` for this agent, signed in by cookie (the sign-in itself has its own test). */
export async function openConsoleAs(context: BrowserContext, ctx: AppContext, baseUrl: string, agentId: string, path: string): Promise<Page> {
  const session = await createSession(ctx, { type: 'agent', id: agentId });
  await context.addCookies([{ name: SESSION_COOKIE, value: session.cookies[SESSION_COOKIE]!, url: baseUrl }]);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  return page;
}

export class ConsoleInbox {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  /** Signs the agent in by cookie (the sign-in itself has its own test) and opens the inbox. */
  static async signedIn(context: BrowserContext, ctx: AppContext, baseUrl: string, agentId: string, path = '/console/inbox?view=all'): Promise<ConsoleInbox> {
    const inbox = new ConsoleInbox(await openConsoleAs(context, ctx, baseUrl, agentId, path), baseUrl);
    await inbox.list().waitFor({ state: 'attached' });
    return inbox;
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  views(): Locator {
    return this.page.getByRole('navigation', { name: /Views|视图|보기/ });
  }

  view(name: string | RegExp): Locator {
    return this.views().getByRole('link', { name });
  }

  list(): Locator {
    return this.page.getByRole('list', { name: /Tickets|工单列表|티켓 목록/ });
  }

  rows(): Locator {
    return this.list().getByRole('listitem');
  }

  row(number: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: new RegExp(`^${number} `) }) });
  }

  /** Waits until the list shows exactly these ticket numbers, in this order. */
  async waitForNumbers(numbers: string[]): Promise<void> {
    await this.page.waitForFunction(
      (expected) => {
        const list = document.querySelector('ul.ticket-list');
        const shown = Array.from(list?.querySelectorAll('.ticket-number') ?? [], (n) => n.textContent);
        return JSON.stringify(shown) === JSON.stringify(expected);
      },
      numbers,
    );
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByRole('search').getByRole('searchbox');
    await box.fill(text);
    await box.press('Enter');
  }

  async filter(label: string | RegExp, option: string): Promise<void> {
    await this.page.getByRole('group', { name: /Filters|筛选|필터/ }).getByLabel(label).selectOption({ label: option });
  }

  async switchLanguage(name: '中文' | 'English' | '한국어'): Promise<void> {
    await this.page.getByLabel(/^(Interface language|界面语言|화면 언어)$/).selectOption({ label: name });
  }

  /** Ticks a row's checkbox for the bulk actions. */
  async select(number: string): Promise<void> {
    await this.list().getByRole('checkbox', { name: `Select ${number}` }).check();
  }

  bulkBar(): Locator {
    return this.page.getByRole('region', { name: 'Bulk actions' });
  }

  banner(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /Connection lost|连接已断开|연결이 끊겼습니다/ });
  }
}

export class ConsoleTicket {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  timeline(): Locator {
    return this.page.getByRole('list', { name: /Conversation|对话记录|대화 기록/ });
  }

  /** A message of the timeline by its author's label (a name, Bot, System, or "Internal note · name"). */
  message(author: string | RegExp): Locator {
    return this.timeline().getByRole('article', { name: author });
  }

  async write(mode: 'Reply to customer' | 'Internal note (agents only)', text: string): Promise<void> {
    await this.page.getByRole('radio', { name: mode }).check();
    await this.page.getByLabel('Message', { exact: true }).fill(text);
    await this.page.getByRole('button', { name: mode === 'Reply to customer' ? 'Send reply' : 'Add note' }).click();
  }

  status(): Locator {
    return this.page.getByRole('combobox', { name: 'Status' });
  }

  priority(): Locator {
    return this.page.getByRole('combobox', { name: 'Priority' });
  }

  /** Opens the merge form (if closed) and merges this ticket into `number`. */
  async mergeInto(number: string): Promise<Locator> {
    const form = this.page.getByRole('form', { name: 'Merge ticket' });
    if (!(await form.isVisible())) await this.page.getByRole('button', { name: 'Merge into another ticket…' }).click();
    const field = form.getByLabel('Merge into ticket number');
    await field.fill(number);
    await form.getByRole('button', { name: 'Merge' }).click();
    return field;
  }
}
