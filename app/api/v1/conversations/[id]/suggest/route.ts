import { z } from "zod";
import { aiRunLimits } from "@/lib/ai/rate-limits";
import { suggestReply } from "@/lib/approvals/takeover";
import { enforce } from "@/lib/http/rate-limit";
import { route, uuidParam } from "@/lib/http/route";

/** A draft on demand from the conversation's agent, in any mode; nothing is stored. */
export const POST = route(
  { scope: "conversations:write", org: true, params: z.object({ id: uuidParam }) },
  async ({ org, session, params, user }) => {
    await enforce(aiRunLimits(user.id, org.orgId));
    const { attempts: _attempts, ...outcome } = await suggestReply(session.claims, org.orgId, params.id);
    return { outcome };
  },
);
