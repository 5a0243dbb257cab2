import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import { route } from "@/lib/http/route";

export const GET = route({ role: "manager" }, async () => ({ templates: AGENT_TEMPLATES }));
