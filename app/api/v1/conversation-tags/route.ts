import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";
import { tagInputSchema } from "@/lib/inbox/schema";
import { createTag, listTags } from "@/lib/inbox/tags";

/** The organization's conversation tags, with how many conversations carry each. */
export const GET = route({ org: true }, async ({ org, rls }) => ({ tags: await rls((tx) => listTags(tx, org.orgId)) }));

export const POST = route(
  { role: MIN_ROLE.manageConversationTags, body: tagInputSchema },
  async ({ org, user, body, rls }) => {
    const tag = await rls((tx) => createTag(tx, user.id, org.orgId, body));
    return Response.json({ tag }, { status: 201 });
  },
);
