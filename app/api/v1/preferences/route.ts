import { route } from "@/lib/http/route";
import { assertOrgReferences, inOrganization } from "@/lib/preferences/org-references";
import { preferencesPatchSchema } from "@/lib/preferences/schema";
import { getPreferences, updatePreferences } from "@/lib/preferences/store";

/** The signed-in user's app preferences (defaults until first saved), as they apply in the current organization. */
export const GET = route({}, async ({ org, rls, user }) => ({
  preferences: await rls(
    async (tx) => (await inOrganization(tx, org?.orgId ?? null, await getPreferences(tx, user.id))).preferences,
  ),
}));

/**
 * Changes the fields given (any sections, any fields) and answers the whole result; field errors
 * are 422, and so is a WhatsApp number that is not one of the current organization's.
 */
export const PATCH = route({ body: preferencesPatchSchema }, async ({ body, org, rls, user }) => ({
  preferences: await rls(async (tx) => {
    await assertOrgReferences(tx, org?.orgId ?? null, body);
    return (await inOrganization(tx, org?.orgId ?? null, await updatePreferences(tx, user.id, body))).preferences;
  }),
}));
