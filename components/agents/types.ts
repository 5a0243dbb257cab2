import type { Jsonified } from "@/components/leads/types";
import type { Agent, AgentsOverview, AgentTemplate } from "@/lib/agents/types";

/** GET /api/v1/agents as the browser receives it (dates as ISO strings). */
export type AgentData = Jsonified<Agent>;
export type AgentsOverviewData = Jsonified<AgentsOverview>;
export type TemplateData = AgentTemplate;

/** What the create and edit form sends (POST /api/v1/agents, PATCH /api/v1/agents/[id]). */
export type AgentFields = Pick<AgentData, "name" | "role" | "personality" | "business" | "objectives" | "language"> & {
  model: string | null;
  active: boolean;
  isDefault: boolean;
  autoSend: boolean;
  schedulingUrl: string | null;
};

export const fieldsOf = (agent: AgentData): AgentFields => ({
  name: agent.name,
  role: agent.role,
  personality: agent.personality,
  business: agent.business,
  objectives: agent.objectives,
  language: agent.language,
  model: agent.model,
  active: agent.active,
  isDefault: agent.isDefault,
  autoSend: agent.autoSend,
  schedulingUrl: agent.schedulingUrl,
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
