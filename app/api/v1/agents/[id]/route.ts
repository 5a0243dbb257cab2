import { z } from "zod";
import { deleteAgent, updateAgent } from "@/lib/agents/mutations";
import { getAgent } from "@/lib/agents/queries";
import { updateAgentSchema } from "@/lib/agents/schema";
import { notFound } from "@/lib/http/errors";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";

const params = z.object({ id: uuidParam });

export const GET = route(
  { scope: "agents:read", role: MIN_ROLE.manageAgents, params },
  async ({ org, params, rls }) => {
    const agent = await rls((tx) => getAgent(tx, org.orgId, params.id));
    if (!agent) throw notFound("agentNotFound");
    return { agent };
  },
);

export const PATCH = route(
  { scope: "agents:write", role: MIN_ROLE.manageAgents, params, body: updateAgentSchema },
  async ({ org, params, body, rls }) => {
    const agent = await rls(async (tx) => {
      await updateAgent(tx, org.orgId, params.id, body);
      return getAgent(tx, org.orgId, params.id);
    });
    return { agent };
  },
);

export const DELETE = route(
  { scope: "agents:write", role: MIN_ROLE.manageAgents, params },
  async ({ org, params, rls }) => {
    await rls((tx) => deleteAgent(tx, org.orgId, params.id));
    return new Response(null, { status: 204 });
  },
);
