import { withRls } from "@/lib/db";
import { route } from "@/lib/http/route";
import { pushSubscriptionSchema, savePushSubscription } from "@/lib/notifications/push";

/** Saves this browser's push subscription for the signed-in user. */
export const POST = route({ body: pushSubscriptionSchema }, async ({ session, body, request }) => {
  const id = await withRls(session.claims, (tx) => savePushSubscription(tx, body, request.headers.get("user-agent")));
  return Response.json({ id }, { status: 201 });
});
