import { z } from "zod";
import { route } from "@/lib/http/route";
import { updateSavedViewSchema } from "@/lib/saved-views/schema";
import { deleteSavedView, updateSavedView } from "@/lib/saved-views/store";

const params = z.object({ id: z.uuid("savedViewIdInvalid") });

/** Renames a saved view and/or replaces what it shows. */
export const PATCH = route({ org: true, params, body: updateSavedViewSchema }, async ({ org, params, body, rls }) => ({
  view: await rls((tx) => updateSavedView(tx, org.orgId, params.id, body)),
}));

export const DELETE = route({ org: true, params }, async ({ org, params, rls }) => {
  await rls((tx) => deleteSavedView(tx, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
