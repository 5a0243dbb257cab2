import { z } from "zod";
import { route } from "@/lib/http/route";
import { notificationCategorySchema } from "@/lib/notifications/categories";
import { markAllRead } from "@/lib/notifications/queries";

const bodySchema = z.object({ category: notificationCategorySchema.optional() }).strict();

/** "Mark all read", optionally within one category (the full page's filter). */
export const POST = route({ org: true, body: bodySchema }, async ({ org, body, rls, user }) => {
  const updated = await rls((tx) => markAllRead(tx, org.orgId, user.id, body.category));
  return { updated };
});
