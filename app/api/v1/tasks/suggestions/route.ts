import { z } from "zod";
import { route } from "@/lib/http/route";
import { listTaskSuggestions } from "@/lib/tasks/suggestions";

const query = z.object({
  leadId: z.uuid("leadIdNotValid").optional(),
  conversationId: z.uuid("conversationIdInvalid").optional(),
});

/** Pending tasks the AI proposed on a lead or thread the caller may see. */
export const GET = route({ org: true, query }, async ({ org, query, rls }) => ({
  suggestions: await rls((tx) => listTaskSuggestions(tx, org.orgId, query)),
}));
