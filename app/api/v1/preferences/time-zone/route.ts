import { z } from "zod";
import { route } from "@/lib/http/route";
import { dataPreferencesSchema } from "@/lib/preferences/schema";
import { suggestTimeZone } from "@/lib/preferences/store";

const body = z.object({ timeZone: dataPreferencesSchema.shape.timeZone.unwrap().unwrap() }).strict();

/** The browser's zone on first sign-in: stored only while the user has none (`stored` says whether it was). */
export const POST = route({ body }, async ({ body, rls, user }) => ({
  stored: await rls((tx) => suggestTimeZone(tx, user.id, body.timeZone)),
}));
