import { z } from "zod";
import { testAgent } from "@/lib/agents/console";
import { aiRunLimits } from "@/lib/ai/rate-limits";
import { getAgent } from "@/lib/agents/queries";
import { testAgentSchema } from "@/lib/agents/schema";
import { notFound } from "@/lib/http/errors";
import { enforce } from "@/lib/http/rate-limit";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";

/** The test console: the draft and extracted BANT for a sample message. Stores nothing. */
export const POST = route(
  { scope: "agents:write", role: MIN_ROLE.manageAgents, params: z.object({ id: uuidParam }), body: testAgentSchema },
  async ({ org, params, body, rls, user }) => {
    const agent = await rls((tx) => getAgent(tx, org.orgId, params.id));
    if (!agent) throw notFound("agentNotFound");
    await enforce(aiRunLimits(user.id, org.orgId));
    const { attempts: _attempts, ...outcome } = await testAgent(agent, org.orgName, body);
    return { outcome };
  },
);
