import { providerInfo } from "@/lib/ai";
import { aiConfig } from "@/lib/ai/config";
import { createAgent } from "@/lib/agents/mutations";
import { getAgent, listAgents, planOf } from "@/lib/agents/queries";
import { createAgentSchema } from "@/lib/agents/schema";
import type { AgentsOverview } from "@/lib/agents/types";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";

/** Every member sees which agents exist; the agents page itself is for managers. */
export const GET = route({ scope: "agents:read", org: true }, async ({ org, rls }): Promise<AgentsOverview> => {
  const [agents, plan] = await rls(
    async (tx) => [await listAgents(tx, org.orgId), await planOf(tx, org.orgId)] as const,
  );
  return { agents, plan, provider: { ...providerInfo(), models: aiConfig().allowedModels } };
});

export const POST = route(
  { scope: "agents:write", role: MIN_ROLE.manageAgents, body: createAgentSchema },
  async ({ org, body, rls, user }) => {
    const agent = await rls(async (tx) => getAgent(tx, org.orgId, await createAgent(tx, user.id, org.orgId, body)));
    return Response.json({ agent }, { status: 201 });
  },
);
