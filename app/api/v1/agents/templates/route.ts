import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "agents:read", role: MIN_ROLE.manageAgents }, async () => ({
  templates: AGENT_TEMPLATES,
}));
