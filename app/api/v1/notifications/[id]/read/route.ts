import { z } from "zod";
import { withRls } from "@/lib/db";
import { route, uuidParam } from "@/lib/http/route";
import { markRead } from "@/lib/notifications/queries";

/** Opening a notification marks it read (again is harmless). */
export const POST = route({ params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const { readAt } = await withRls(session.claims, (tx) => markRead(tx, session.user.id, params.id));
  return { id: params.id, readAt };
});
