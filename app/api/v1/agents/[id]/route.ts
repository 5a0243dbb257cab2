import { z } from "zod";
import { deleteAgent, updateAgent } from "@/lib/agents/mutations";
import { getAgent } from "@/lib/agents/queries";
import { updateAgentSchema } from "@/lib/agents/schema";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";

const params = z.object({ id: uuidParam });

export const GET = route({ role: "manager", params }, async ({ session, params }) => {
  const org = requireOrg(session);
  const agent = await withRls(session.claims, (tx) => getAgent(tx, org.orgId, params.id));
  if (!agent) throw notFound("Agent not found.");
  return { agent };
});

export const PATCH = route({ role: "manager", params, body: updateAgentSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  const agent = await withRls(session.claims, async (tx) => {
    await updateAgent(tx, org.orgId, params.id, body);
    return getAgent(tx, org.orgId, params.id);
  });
  return { agent };
});

export const DELETE = route({ role: "manager", params }, async ({ session, params }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => deleteAgent(tx, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
