/** Shapes of the API responses the console reads (see /api/docs). */
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  locale: string;
  totpEnabled: boolean;
}

export interface Me {
  agent: Agent;
  role: Agent['role'];
  abilities: Record<string, boolean>;
  totpEnabled: boolean;
  csrfToken: string | null;
}

export type LoginStage = 'full' | 'totp_required' | 'enrolment_required';

export interface LoginResult {
  stage: LoginStage;
  csrfToken: string;
  agent: Agent;
}

export type ViewId = 'mine' | 'unassigned' | 'my_teams' | 'all';
export type SortId = 'waiting' | 'priority';

export interface InboxTicket {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  channel: string;
  category: string;
  locale: string;
  tags: string[];
  customer: { id: string; name: string | null; email: string | null; externalId: string | null };
  assignee: { id: string; name: string | null } | null;
  team: { id: string; name: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export interface InboxPage {
  items: InboxTicket[];
  nextCursor: string | null;
}

export interface InboxViews {
  views: { id: ViewId; count: number }[];
  filters: { statuses: string[]; priorities: string[]; categories: string[]; channels: string[]; locales: string[]; tags: string[] };
  sorts: SortId[];
}

export interface InboxFilters {
  status: string;
  priority: string;
  category: string;
  channel: string;
  locale: string;
  tag: string;
  q: string;
}

export interface TicketAbilities {
  reply: boolean;
  addNote: boolean;
  update: boolean;
  merge: boolean;
  nextStatuses: string[];
}

export interface TicketDetail {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  category: string;
  fields: Record<string, string>;
  locale: string;
  customer: { id: string; externalId: string | null; email: string | null; name: string | null; locale: string; verified: boolean };
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  tags: string[];
  mergedInto: { id: string; number: string } | null;
  createdAt: string;
  updatedAt: string;
  abilities: TicketAbilities;
}

export interface TicketMessage {
  id: string;
  visibility: 'public' | 'internal';
  author: { type: 'customer' | 'agent' | 'bot' | 'system' | 'guest'; id: string | null; name: string | null };
  body: string;
  createdAt: string;
  attachments: { id: string; filename: string; url: string; size: number }[];
}

export interface TimelineEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  actor: { type: string; id: string | null; name: string | null };
  createdAt: string;
}
