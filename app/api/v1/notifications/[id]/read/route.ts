import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { markRead } from "@/lib/notifications/queries";

/** Opening a notification marks it read (again is harmless). */
export const POST = route({ params: z.object({ id: uuidParam }) }, async ({ params, rls, user }) => {
  const { readAt } = await rls((tx) => markRead(tx, user.id, params.id));
  return { id: params.id, readAt };
});
