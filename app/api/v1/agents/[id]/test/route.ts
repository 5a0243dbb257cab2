import { z } from "zod";
import { testAgent } from "@/lib/agents/console";
import { aiRunLimits } from "@/lib/ai/rate-limits";
import { getAgent } from "@/lib/agents/queries";
import { testAgentSchema } from "@/lib/agents/schema";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { enforce } from "@/lib/http/rate-limit";
import { requireOrg, route, uuidParam } from "@/lib/http/route";

/** The test console: the draft and extracted BANT for a sample message. Stores nothing. */
export const POST = route({ role: "manager", params: z.object({ id: uuidParam }), body: testAgentSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  const agent = await withRls(session.claims, (tx) => getAgent(tx, org.orgId, params.id));
  if (!agent) throw notFound("Agent not found.");
  await enforce(aiRunLimits(session.user.id, org.orgId));
  const { attempts: _attempts, ...outcome } = await testAgent(agent, org.orgName, body);
  return { outcome };
});
