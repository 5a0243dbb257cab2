import { updateOwnProfile } from "@/lib/auth/users";
import { route } from "@/lib/http/route";
import { updateProfileSchema } from "@/lib/orgs/schema";

export const PATCH = route({ body: updateProfileSchema }, async ({ body, rls }) => {
  await rls((tx) => updateOwnProfile(tx, body));
  return { profile: { fullName: body.fullName } };
});
