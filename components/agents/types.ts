import type { Jsonified } from "@/components/leads/types";
import { agentBrief, type Agent, type AgentsOverview, type AgentTemplate } from "@/lib/agents/types";
import type { AgentBrief } from "@/lib/ai/types";

/** GET /api/v1/agents as the browser receives it (dates as ISO strings). */
export type AgentData = Jsonified<Agent>;
export type AgentsOverviewData = Jsonified<AgentsOverview>;
export type TemplateData = AgentTemplate;

/** What the create and edit form sends (POST /api/v1/agents, PATCH /api/v1/agents/[id]). */
export type AgentFields = AgentBrief & Pick<AgentData, "active" | "isDefault" | "autoSend">;

export const fieldsOf = (agent: AgentData): AgentFields => ({
  ...agentBrief(agent),
  active: agent.active,
  isDefault: agent.isDefault,
  autoSend: agent.autoSend,
});

export const fieldsFromTemplate = (template: TemplateData, firstAgent: boolean): AgentFields => ({
  name: template.name,
  role: template.role,
  personality: template.personality,
  business: template.business,
  objectives: template.objectives,
  language: "en",
  model: null,
  active: true,
  // The organization's first agent answers every conversation without one.
  isDefault: firstAgent,
  autoSend: false,
  schedulingUrl: null,
});
