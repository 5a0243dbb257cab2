import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { CATEGORIES } from "@/lib/notifications/categories";
import { markAllRead } from "@/lib/notifications/queries";

const bodySchema = z
  .object({ category: z.enum(CATEGORIES, { error: `Category must be one of ${CATEGORIES.join(", ")}.` }).optional() })
  .strict();

/** "Mark all read", optionally within one category (the full page's filter). */
export const POST = route({ body: bodySchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  const updated = await withRls(session.claims, (tx) => markAllRead(tx, org.orgId, session.user.id, body.category));
  return { updated };
});
