import type { Module } from './module.js';
import { identityModule } from './identity/index.js';
import { ticketsModule } from './tickets/index.js';
import { portalModule } from './portal/index.js';
import { helpcenterModule } from './helpcenter/index.js';
import { chatModule } from './channels/chat/index.js';
import { channelsModule } from './channels/index.js';
import { emailModule } from './channels/email/index.js';
import { telegramModule } from './channels/telegram/index.js';
import { connectorModule } from './channels/connector/index.js';
import { phoneModule } from './channels/phone/index.js';
import { routingModule } from './routing/index.js';
import { botModule } from './bot/index.js';
import { operationsModule } from './operations/index.js';
import { macrosModule } from './macros/index.js';
import { notificationsModule } from './notifications/index.js';
import { securityModule } from './security/index.js';
import { consoleModule } from './console/index.js';
import { exchangeModule } from './exchange/index.js';

/** Every domain module, in registration order. */
export const modules: Module[] = [identityModule, ticketsModule, portalModule, helpcenterModule, routingModule, chatModule, channelsModule, emailModule, telegramModule, connectorModule, phoneModule, botModule, exchangeModule, macrosModule, notificationsModule, securityModule, operationsModule, consoleModule];
