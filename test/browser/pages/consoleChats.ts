import type { Locator, Page } from 'playwright-core';

/** Page objects for the console's live chats (/console/chats) and the supervisor board. */
export class ConsoleChats {
  constructor(readonly page: Page) {}

  waiting(): Locator {
    return this.page.getByRole('list', { name: 'Waiting chats' });
  }

  waitingChat(number: string): Locator {
    return this.waiting().getByRole('listitem', { name: new RegExp(`^${number}\\b`) });
  }

  async accept(number: string): Promise<ConsoleChat> {
    await this.waitingChat(number).getByRole('button', { name: 'Accept' }).click();
    const chat = new ConsoleChat(this.page);
    await chat.heading().filter({ hasText: number }).waitFor();
    return chat;
  }
}

export class ConsoleChat {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  log(): Locator {
    return this.page.getByRole('log', { name: 'Chat conversation' });
  }

  box(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  async send(text: string): Promise<void> {
    await this.box().fill(text);
    await this.page.getByRole('button', { name: 'Send', exact: true }).click();
    await this.log().getByText(text).waitFor();
  }

  customerTyping(): Locator {
    return this.page.getByText('The customer is typing…');
  }

  /** Opens the transfer form and hands the chat to an agent (by name) or a team. */
  async transferTo(choice: { agent: string } | { team: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Transfer chat' }).click();
    await transfer(this.page, choice);
  }
}

/** Fills the transfer form on screen (chat workspace or board) and submits it. */
export async function transfer(page: Page, choice: { agent: string } | { team: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Transfer chat' });
  const select = 'agent' in choice ? form.getByLabel('To an agent') : form.getByLabel('Or to a team');
  const value = await select.locator('option', { hasText: 'agent' in choice ? choice.agent : choice.team }).getAttribute('value');
  await select.selectOption(value ?? '');
  await form.getByRole('button', { name: 'Transfer' }).click();
}

export class SupervisorBoard {
  constructor(readonly page: Page) {}

  stat(name: 'Waiting' | 'Longest wait' | 'Agents online'): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  waitingTable(): Locator {
    return this.page.getByRole('table', { name: 'Waiting chats' });
  }

  activeTable(): Locator {
    return this.page.getByRole('table', { name: 'Chats in progress' });
  }

  agentsTable(): Locator {
    return this.page.getByRole('table', { name: 'Agents and load' });
  }

  row(table: Locator, name: string): Locator {
    return table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }
}
