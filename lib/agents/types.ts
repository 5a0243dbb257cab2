import type { AgentBrief, AgentRole, ProviderName } from "@/lib/ai/types";
import { PLAN_LIMITS, PLANS, type Plan } from "@/lib/billing/plans";

export type PlanName = Plan;

/** Active agents each plan allows: lib/billing/plans.ts is the one source (the database enforces it). */
export const PLAN_AGENT_LIMITS = Object.fromEntries(PLANS.map((plan) => [plan, PLAN_LIMITS[plan].agents])) as Record<
  PlanName,
  number
>;

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

/** An agent is its brief (what the provider is told) plus how the organization runs it. */
export type Agent = AgentBrief & {
  id: string;
  active: boolean;
  isDefault: boolean;
  autoSend: boolean;
  createdAt: Date;
  updatedAt: Date;
  stats: AgentStats;
};

/** An agent as the provider sees it. */
export const agentBrief = (agent: AgentBrief): AgentBrief => ({
  name: agent.name,
  role: agent.role,
  personality: agent.personality,
  business: agent.business,
  objectives: agent.objectives,
  language: agent.language,
  model: agent.model,
  schedulingUrl: agent.schedulingUrl,
});

export type AgentTemplate = {
  role: AgentRole;
  name: string;
  personality: string;
  business: string;
  objectives: string;
};

export type AgentsOverview = {
  agents: Agent[];
  plan: { name: PlanName; activeLimit: number; activeCount: number };
  /** `model`: the default one; `models`: what an agent's model may be (OPENAI_ALLOWED_MODELS), the default first. */
  provider: { name: ProviderName; model: string; models: string[] };
};
