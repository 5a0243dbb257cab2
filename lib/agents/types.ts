import type { AgentRole, ProviderName } from "@/lib/ai/types";

export type PlanName = "basic" | "pro" | "enterprise";

/** Active agents each plan allows; mirrors private.plan_agent_limit() (the database enforces it). */
export const PLAN_AGENT_LIMITS: Record<PlanName, number> = { basic: 1, pro: 3, enterprise: 10 };

export type AgentStats = {
  drafts: number;
  approved: number;
  rejected: number;
  /** Approved drafts whose text was changed before sending. */
  edited: number;
  /** approved / (approved + rejected); null before anything was decided. */
  approvalRate: number | null;
  avgEditDistance: number | null;
  thumbsUp: number;
  thumbsDown: number;
  /** Meetings booked with a lead after this agent drafted in their conversation. */
  meetingsBooked: number;
  /** Conversations that chose this agent (conversations.agent_id), among those the caller can see. */
  conversations: number;
};

export type Agent = {
  id: string;
  name: string;
  role: AgentRole;
  personality: string;
  business: string;
  objectives: string;
  language: string;
  model: string | null;
  active: boolean;
  isDefault: boolean;
  autoSend: boolean;
  schedulingUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  stats: AgentStats;
};

export type AgentTemplate = { role: AgentRole; name: string; personality: string; business: string; objectives: string };

export type AgentsOverview = {
  agents: Agent[];
  plan: { name: PlanName; activeLimit: number; activeCount: number };
  provider: { name: ProviderName; label: string };
};
