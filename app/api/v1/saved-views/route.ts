import { route } from "@/lib/http/route";
import { createSavedViewSchema } from "@/lib/saved-views/schema";
import { createSavedView, listSavedViews } from "@/lib/saved-views/store";

/** The signed-in user's saved views in their current organization. */
export const GET = route({ org: true }, async ({ org, rls }) => ({
  views: await rls((tx) => listSavedViews(tx, org.orgId)),
}));

export const POST = route({ org: true, body: createSavedViewSchema }, async ({ org, body, rls }) =>
  Response.json({ view: await rls((tx) => createSavedView(tx, org.orgId, body)) }, { status: 201 }),
);
