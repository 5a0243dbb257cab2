import { route } from "@/lib/http/route";
import { preferencesPatchSchema } from "@/lib/preferences/schema";
import { getPreferences, updatePreferences } from "@/lib/preferences/store";

/** The signed-in user's app preferences (defaults until first saved). */
export const GET = route({}, async ({ rls, user }) => ({
  preferences: await rls((tx) => getPreferences(tx, user.id)),
}));

/** Changes the fields given (any sections, any fields) and answers the whole result; field errors are 422. */
export const PATCH = route({ body: preferencesPatchSchema }, async ({ body, rls, user }) => ({
  preferences: await rls((tx) => updatePreferences(tx, user.id, body)),
}));
