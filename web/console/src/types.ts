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
  attachments: { id: string; filename: string; url: string; size: number; contentType: string }[];
}

export interface TimelineEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  actor: { type: string; id: string | null; name: string | null };
  createdAt: string;
}

export type ChatState = 'bot' | 'queued' | 'assigned' | 'left_message' | 'ended';
export type PresenceStatus = 'online' | 'away' | 'offline';

/** A live chat as routing presents it (GET /api/v1/chat-queue, /api/v1/chats/:ticket). */
export interface LiveChat {
  ticketId: string;
  number: string;
  subject: string;
  state: ChatState;
  locale: string;
  topic: string;
  customer: { id: string; name: string | null; verified: boolean };
  team: { id: string; name: string } | null;
  agent: { id: string; name: string } | null;
  queuedAt: string | null;
  assignedAt: string | null;
  waitSeconds: number | null;
  position: number | null;
  etaSeconds: number | null;
  abilities: { accept: boolean; transfer: boolean; end: boolean };
}

export interface AgentLoad {
  id: string;
  name: string;
  status: PresenceStatus;
  maxChats: number;
  activeChats: number;
  teamIds: string[];
}

export interface RoutingAbilities {
  viewAllQueues: boolean;
  setOwnAvailability: boolean;
  setOthersAvailability: boolean;
  manageTeams: boolean;
}

export interface ChatQueue {
  items: LiveChat[];
  mine: LiveChat[];
  me: { agentId: string; status: PresenceStatus; maxChats: number; activeChats: number; teamIds: string[] };
  /** Supervisors only. */
  agents?: AgentLoad[];
  active?: LiveChat[];
  abilities: RoutingAbilities;
}

export interface Availability {
  agentId: string;
  status: PresenceStatus;
  maxChats: number;
  activeChats: number;
}

/** A chat message as the socket sends it to agents. */
export interface ChatMessage {
  id: string;
  chatId: string;
  clientId: string | null;
  author: { type: 'customer' | 'agent' | 'bot' | 'system'; name: string | null; id?: string };
  body: string;
  attachments: { id: string; filename: string; contentType: string; size: number; url: string }[];
  createdAt: string;
  internal?: boolean;
}

export interface TransferTargets {
  agents: { id: string; name: string; status: PresenceStatus; activeChats: number; maxChats: number; available: boolean }[];
  teams: { id: string; name: string }[];
}
