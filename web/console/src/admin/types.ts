/** Shapes of the admin APIs the console reads (see /api/docs). */
export type Role = 'admin' | 'supervisor' | 'agent';
export const roleList: Role[] = ['agent', 'supervisor', 'admin'];

export interface AdminAgent {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  totpEnabled: boolean;
  disabled: boolean;
}

export interface TeamHours {
  timezone: string;
  days: { day: number; from: string; to: string }[];
}

export interface Team {
  id: string;
  name: string;
  languages: string[];
  categories: string[];
  hours: TeamHours | null;
  members: { id: string; name: string }[];
}

export type Bodies = Partial<Record<'zh-CN' | 'en' | 'ko', string>>;

export interface CannedResponse {
  id: string;
  shortcode: string;
  title: string;
  bodies: Bodies;
  personal: boolean;
  uses: number;
  abilities: { edit: boolean; delete: boolean };
}

export interface MacroActions {
  reply?: { cannedResponseId?: string; bodies?: Bodies; visibility: 'public' | 'internal' };
  status?: string;
  priority?: string;
  assignee?: string;
  teamId?: string | null;
  addTags?: string[];
  removeTags?: string[];
}

export interface Macro {
  id: string;
  name: string;
  actions: MacroActions;
  personal: boolean;
  uses: number;
  abilities: { edit: boolean; delete: boolean };
}
