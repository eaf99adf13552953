/**
 * Row types of every table, as Kysely sees them. Both drivers store the same shapes:
 * ids are UUIDv7 text (time-ordered, unguessable enough to never enumerate), timestamps are
 * ISO-8601 UTC text (sortable on both databases), booleans are 0/1 integers, JSON is text.
 */
import type { ColumnType, Generated } from 'kysely';

export type Bool01 = 0 | 1;
/** A nullable column that inserts may leave out (it starts as NULL). */
type OptionalNullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  password_hash: string;
  locale: string;
  totp_secret: string | null;
  totp_enabled: Bool01;
  /** Last accepted TOTP step (unix time / 30): a code is never accepted twice. */
  totp_last_step: number | null;
  disabled: Bool01;
  created_at: string;
  updated_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  agent_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a leaked database does not leak live sessions. */
  id: string;
  subject_type: 'agent' | 'customer';
  subject_id: string;
  csrf_token: string;
  /** 'pending' = password ok, second factor still owed; 'full' = usable. */
  stage: 'pending' | 'full';
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  prefix: string;
  token_hash: string;
  agent_id: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  window_start: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string;
}

export interface CustomersTable {
  id: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  locale: string;
  verified: Bool01;
  created_at: string;
  updated_at: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  /** JSON array of locales the team answers in (empty = any). */
  languages: Generated<string>;
  /** JSON array of ticket categories the team handles (empty = any). */
  categories: Generated<string>;
  /** JSON business hours `{ timezone, days: [{ day: 0–6, from: "09:00", to: "18:00" }] }`; null = 7×24. */
  hours: OptionalNullable<string>;
  created_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  agent_id: string;
}

/** Whether an agent takes chats now, and how many at once. No row = offline. */
export interface AgentPresenceTable {
  agent_id: string;
  status: 'online' | 'away' | 'offline';
  max_chats: number;
  updated_at: string;
}

/** The live side of a chat ticket: who is answering it and how far each side has read. */
export interface ChatsTable {
  ticket_id: string;
  /** The widget's device id, so a guest's reload finds their chat again. */
  visitor_id: string | null;
  /** bot → queued → assigned → ended; `left_message` when nobody could take it (留言). */
  state: 'bot' | 'queued' | 'assigned' | 'left_message' | 'ended';
  /** What the customer picked before chatting (a ticket category). */
  topic: string | null;
  team_id: string | null;
  queued_at: string | null;
  assigned_at: string | null;
  ended_at: string | null;
  /** JSON: the running flow, its step and the answers collected so far. */
  bot_state: string;
  customer_read_id: string | null;
  agent_read_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface BotIntentsTable {
  id: string;
  name: string;
  /** JSON: { type: 'article', slug } | { type: 'flow', flow } | { type: 'handover' } | { type: 'text', text: { [locale]: string } }. */
  answer: string;
  enabled: Bool01;
  created_at: string;
  updated_at: string;
}

export interface BotExamplesTable {
  id: string;
  intent_id: string;
  locale: string;
  text: string;
}

export interface BotFlowsTable {
  id: string;
  slug: string;
  /** JSON flow definition (steps, prompts per locale, actions). */
  definition: string;
  enabled: Bool01;
  created_at: string;
  updated_at: string;
}

/** A trained NLU model; the newest one answers. */
export interface BotModelsTable {
  id: string;
  created_at: string;
  intents: number;
  examples: number;
  /** The serialised model. */
  model: string;
  metrics: string;
}

export interface BotRepliesTable {
  message_id: string;
  ticket_id: string;
  intent: string | null;
  confidence: number | null;
  created_at: string;
}

export interface TicketCounterTable {
  name: string;
  value: number;
}

export interface TicketsTable {
  id: string;
  number: string;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  channel: 'web' | 'chat' | 'email' | 'telegram' | 'phone' | 'api' | 'forum' | 'connector';
  category: string;
  fields: string;
  locale: string;
  customer_id: string;
  assignee_id: string | null;
  team_id: string | null;
  merged_into_id: string | null;
  created_at: string;
  updated_at: string;
  solved_at: string | null;
  closed_at: string | null;
}

export interface TicketTagsTable {
  ticket_id: string;
  tag: string;
}

export interface MessagesTable {
  id: string;
  ticket_id: string;
  author_type: 'customer' | 'agent' | 'system' | 'bot';
  author_id: string | null;
  visibility: 'public' | 'internal';
  body: string;
  channel: string;
  /** Chosen by the sending client; (ticket_id, client_id) is unique, so a resend is not a duplicate. */
  client_id: OptionalNullable<string>;
  /** JSON: structured parts of a bot or system message (article card, choices, handover button). */
  meta: OptionalNullable<string>;
  created_at: string;
}

export interface AttachmentsTable {
  id: string;
  ticket_id: string;
  message_id: string;
  storage_key: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  actor_type: string;
  actor_id: string | null;
  type: string;
  data: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  topic: string;
  payload: string;
  created_at: string;
  published_at: string | null;
  claimed_until: string | null;
}

export type JobState = 'pending' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  name: string;
  key: string | null;
  /** JSON. */
  payload: string;
  state: JobState;
  run_at: string;
  attempts: number;
  max_attempts: number;
  /** A node running the job holds it until then; after that another node may take it over. */
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** `scope`: `shared` (the whole desk) or the owning agent's id (personal). */
export interface CannedResponsesTable {
  id: string;
  scope: string;
  shortcode: string;
  title: string;
  /** JSON { "zh-CN"?, "en"?, "ko"? }: the text per language. */
  bodies: string;
  uses: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MacrosTable {
  id: string;
  scope: string;
  name: string;
  /** JSON: see modules/macros. */
  actions: string;
  uses: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  agent_id: string;
  kind: 'mention' | 'secret_exposed';
  ticket_id: string;
  message_id: string | null;
  /** The agent who caused it (who wrote the mention). */
  actor_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface SavedViewsTable {
  id: string;
  agent_id: string;
  name: string;
  /** JSON { view, filters, sort }. */
  definition: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface OfficialChannelsTable {
  id: string;
  kind: 'domain' | 'email' | 'telegram' | 'x' | 'phone';
  value: string;
  label: string;
  created_by: string | null;
  created_at: string;
}

/** An email that came in or went out (see modules/channels/email). */
export interface EmailMessagesTable {
  id: string;
  direction: 'inbound' | 'outbound';
  /** inbound: customer | auto_reply | bounce | loop | unparsed; outbound: reply | acknowledgement | guest_link | transcript. */
  kind: string;
  /** inbound: stored | ignored | failed; outbound: queued | sent | failed | bounced. */
  state: string;
  dedupe_key: string;
  /** The RFC 5322 Message-ID without angle brackets. */
  message_id_header: string | null;
  ticket_id: string | null;
  message_id: string | null;
  /** The mailbox or listener it came through. */
  source: string | null;
  from_address: string | null;
  /** JSON `{ to: string[], cc: string[] }`. */
  recipients: Generated<string>;
  subject: string | null;
  in_reply_to: string | null;
  /** JSON array of Message-IDs. */
  references: Generated<string>;
  /** Inbound: the whole text with quoted history (secrets redacted). */
  full_text: string | null;
  /** Inbound: sanitised HTML, kept only when no secret was redacted from the message. */
  html: string | null;
  /** Inbound: participant | new | not_participant | unauthenticated. */
  sender_check: string | null;
  /** Storage key of the raw source (mail that could not be parsed). */
  raw_key: string | null;
  size: Generated<number>;
  error: string | null;
  attempts: Generated<number>;
  /** JSON: what the outbound sender needs (template, locale, link), or inbound details. */
  payload: Generated<string>;
  created_at: string;
  sent_at: string | null;
}

/** Addresses copied on a ticket by its customer: they may write to it by email. */
export interface EmailParticipantsTable {
  ticket_id: string;
  address: string;
  role: 'cc';
  created_at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
}

export interface HelpCategoriesTable {
  id: string;
  slug: string;
  position: number;
  icon: string | null;
  created_at: string;
}

export interface HelpSectionsTable {
  id: string;
  category_id: string;
  slug: string;
  position: number;
  created_at: string;
}

/** Title (and description) of a help category or section in one locale. */
export interface HelpLabelsTable {
  owner_id: string;
  locale: string;
  title: string;
  description: string | null;
}

export interface ArticlesTable {
  id: string;
  slug: string;
  section_id: string;
  kind: 'article' | 'announcement' | 'security_alert';
  status: 'draft' | 'published' | 'archived';
  /** Position in the curated "top questions" list; null = not in it. */
  top_position: number | null;
  pinned: Bool01;
  view_count: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** What one locale of an article says; a version is a frozen copy of it. */
interface ArticleContent {
  article_id: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
  /** JSON array of strings. */
  tags: string;
}

export interface ArticleTranslationsTable extends ArticleContent {
  updated_at: string;
  updated_by: string | null;
}

export interface ArticleVersionsTable extends ArticleContent {
  id: string;
  author_type: string;
  author_id: string | null;
  created_at: string;
}

export interface ArticleRelationsTable {
  article_id: string;
  related_id: string;
  position: number;
}

export interface ArticleFeedbackTable {
  id: string;
  article_id: string;
  locale: string;
  helpful: Bool01;
  comment: string | null;
  client_hash: string | null;
  created_at: string;
}

export interface SearchSynonymsTable {
  id: string;
  terms: string;
  created_at: string;
  updated_at: string;
}

export interface SearchGapsTable {
  locale: string;
  query: string;
  count: number;
  first_at: string;
  last_at: string;
}

export interface ExchangeRiskEventsTable {
  id: string;
  event_id: string;
  type: 'login.new_device' | 'withdrawal.large' | 'api_key.created' | 'password.changed';
  uid: string;
  customer_id: string | null;
  occurred_at: string;
  received_at: string;
  /** JSON: the event's `data` as the exchange sent it. */
  data: string;
}

export interface ExchangeVerificationsTable {
  id: string;
  ticket_id: string;
  customer_id: string;
  uid: string;
  channel: 'email' | 'phone';
  challenge_id: string;
  state: 'pending' | 'verified' | 'locked';
  attempts: number;
  sent_by: string | null;
  created_at: string;
  expires_at: string;
  verified_at: string | null;
}

/** An answer the bot asked for that must never be stored in clear, sealed until checked (migration 019). */
export interface SealedAnswersTable {
  message_id: string;
  ticket_id: string;
  sealed: string;
  created_at: string;
}

/** The built-in exchange simulator's state, shared by every node (migration 019). */
export interface ExchangeSimulatorStateTable {
  kind: 'account' | 'challenge' | 'idempotency';
  key: string;
  value: string;
  updated_at: string;
}

/** A freeze we asked the exchange for (migration 016); `key` makes a retried step record it once. */
export interface AccountFreezesTable {
  id: string;
  key: string;
  ticket_id: string;
  customer_id: string;
  uid: string;
  source: 'customer' | 'agent' | 'outreach';
  agent_id: string | null;
  reason: string;
  created_at: string;
}

/** Unfreeze needs four eyes: one agent asks, a different supervisor or admin decides. */
export interface UnfreezeRequestsTable {
  id: string;
  ticket_id: string;
  customer_id: string;
  uid: string;
  requested_by: string;
  reason: string;
  state: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decision_note: string | null;
  decided_at: string | null;
  created_at: string;
}

/** "Was this you?" after a risk event: one per event, on the ticket it opened. */
export interface SecurityOutreachTable {
  id: string;
  risk_event_id: string;
  customer_id: string;
  ticket_id: string;
  state: 'waiting' | 'confirmed' | 'denied' | 'escalated';
  /** JSON array of the channels it went out on (chat, email). */
  channels: string;
  created_at: string;
  answered_at: string | null;
}

/** Full-text rows (migration 014): a ticket's subject (message_id null) or one message. */
export interface TicketSearchTable {
  id: Generated<number>;
  ticket_id: string;
  message_id: string | null;
  internal: number;
  /** Space-separated terms from platform/search/terms.ts; indexed by FTS5 / GIN, never updated. */
  terms: string;
}

/** A customer's name, email and exchange UID as full-text terms (migration 014). */
export interface CustomerSearchTable {
  id: Generated<number>;
  customer_id: string;
  terms: string;
}

/** A customer's identity on a messaging channel (Telegram user id …) and how to reach them there. */
export interface ChannelIdentitiesTable {
  /** connector: external_id is `<connector id>:<the app's user id>`. */
  channel: 'telegram' | 'connector';
  external_id: string;
  customer_id: string;
  /** JSON, per channel (Telegram: `{ chatId, username?, blocked? }`). */
  address: string;
  created_at: string;
  updated_at: string;
}

/** A bridge to another messaging app (migration 018): signed posts in, signed callbacks out. */
export interface ConnectorsTable {
  id: string;
  /** Lower-case slug in the inbound URL, e.g. `kakaotalk`; never changes. */
  name: string;
  display_name: string;
  inbound_secret: string;
  callback_url: string;
  callback_secret: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** Whether one public message reached a connector's callback (migration 018). */
export interface ConnectorDeliveriesTable {
  message_id: string;
  connector_id: string;
  ticket_id: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

/** A phone call the telephony system reported (CTI webhook), on its customer's phone ticket. */
export interface CallsTable {
  id: string;
  provider_call_id: string;
  direction: 'inbound' | 'outbound';
  /** E.164. */
  from_number: string;
  to_number: string;
  customer_id: string | null;
  ticket_id: string | null;
  agent_id: string | null;
  state: 'ringing' | 'answered' | 'ended' | 'missed';
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  recording_url: string | null;
  notes: string | null;
  logged_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A customer's request to be called back, queued by due time for agents. */
export interface CallbackRequestsTable {
  id: string;
  ticket_id: string;
  customer_id: string;
  call_id: string | null;
  source: 'form' | 'widget' | 'missed_call';
  phone: string;
  name: string | null;
  window_start: string | null;
  window_end: string | null;
  timezone: string | null;
  topic: string;
  locale: string;
  due_at: string;
  state: 'pending' | 'scheduled' | 'done' | 'no_answer' | 'cancelled';
  attempts: Generated<number>;
  outcome: 'reached' | 'no_answer' | 'wrong_number' | 'cancelled' | null;
  outcome_note: string | null;
  assignee_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DB {
  settings: SettingsTable;
  agents: AgentsTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  customers: CustomersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  agent_presence: AgentPresenceTable;
  chats: ChatsTable;
  bot_intents: BotIntentsTable;
  bot_examples: BotExamplesTable;
  bot_flows: BotFlowsTable;
  bot_models: BotModelsTable;
  bot_replies: BotRepliesTable;
  ticket_counter: TicketCounterTable;
  tickets: TicketsTable;
  ticket_tags: TicketTagsTable;
  messages: MessagesTable;
  ticket_search: TicketSearchTable;
  customer_search: CustomerSearchTable;
  attachments: AttachmentsTable;
  ticket_events: TicketEventsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  canned_responses: CannedResponsesTable;
  macros: MacrosTable;
  notifications: NotificationsTable;
  saved_views: SavedViewsTable;
  official_channels: OfficialChannelsTable;
  channel_identities: ChannelIdentitiesTable;
  calls: CallsTable;
  callback_requests: CallbackRequestsTable;
  connectors: ConnectorsTable;
  connector_deliveries: ConnectorDeliveriesTable;
  email_messages: EmailMessagesTable;
  email_participants: EmailParticipantsTable;
  exchange_risk_events: ExchangeRiskEventsTable;
  exchange_verifications: ExchangeVerificationsTable;
  account_freezes: AccountFreezesTable;
  unfreeze_requests: UnfreezeRequestsTable;
  security_outreach: SecurityOutreachTable;
  sealed_answers: SealedAnswersTable;
  exchange_simulator_state: ExchangeSimulatorStateTable;
  idempotency_keys: IdempotencyKeysTable;
  help_categories: HelpCategoriesTable;
  help_sections: HelpSectionsTable;
  help_labels: HelpLabelsTable;
  articles: ArticlesTable;
  article_translations: ArticleTranslationsTable;
  article_versions: ArticleVersionsTable;
  article_relations: ArticleRelationsTable;
  article_feedback: ArticleFeedbackTable;
  search_synonyms: SearchSynonymsTable;
  search_gaps: SearchGapsTable;
}

