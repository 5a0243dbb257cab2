/** The React Query keys for AI agents. `overview()` is shared by the agents page, the approvals filter and the inbox's agent picker. */
export const agentKeys = {
  all: ["agents"] as const,
  overview: () => [...agentKeys.all, "overview"] as const,
  templates: () => [...agentKeys.all, "templates"] as const,
};
