import { aiProvider } from "@/lib/ai";
import { aiConfig } from "@/lib/ai/config";
import { createAgent } from "@/lib/agents/mutations";
import { getAgent, listAgents, planOf } from "@/lib/agents/queries";
import { createAgentSchema } from "@/lib/agents/schema";
import type { AgentsOverview } from "@/lib/agents/types";
import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";

/** Every member sees which agents exist; the agents page itself is for managers. */
export const GET = route({ role: "rep" }, async ({ session }): Promise<AgentsOverview> => {
  const org = requireOrg(session);
  const provider = aiProvider();
  const [agents, plan] = await withRls(session.claims, async (tx) => [await listAgents(tx, org.orgId), await planOf(tx, org.orgId)] as const);
  return { agents, plan, provider: { name: provider.name, label: provider.label, models: aiConfig().allowedModels } };
});

export const POST = route({ role: "manager", body: createAgentSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  const agent = await withRls(session.claims, async (tx) => getAgent(tx, org.orgId, await createAgent(tx, session.user.id, org.orgId, body)));
  return Response.json({ agent }, { status: 201 });
});
