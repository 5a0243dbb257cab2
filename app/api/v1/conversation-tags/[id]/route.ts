import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { tagInputSchema } from "@/lib/inbox/schema";
import { deleteTag, updateTag } from "@/lib/inbox/tags";

const params = z.object({ id: uuidParam });

export const PATCH = route(
  { role: MIN_ROLE.manageConversationTags, params, body: tagInputSchema },
  async ({ org, params, body, rls }) => ({ tag: await rls((tx) => updateTag(tx, org.orgId, params.id, body)) }),
);

/** Deleting a tag takes it off every conversation. */
export const DELETE = route({ role: MIN_ROLE.manageConversationTags, params }, async ({ org, params, rls }) => {
  await rls((tx) => deleteTag(tx, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
