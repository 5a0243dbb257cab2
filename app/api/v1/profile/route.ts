import { route } from "@/lib/http/route";
import { updateProfileSchema } from "@/lib/orgs/schema";

export const PATCH = route({ body: updateProfileSchema }, async ({ body, rls }) => {
  await rls((tx) =>
    tx.query("update public.profiles set full_name = $1 where id = (select auth.uid())", [body.fullName]),
  );
  return { profile: { fullName: body.fullName } };
});
