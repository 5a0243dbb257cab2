import { route } from "@/lib/http/route";
import { assertPushEndpoint, pushSubscriptionSchema, savePushSubscription } from "@/lib/notifications/push";

/** Saves this browser's push subscription for the signed-in user, if it names a push service the server may call. */
export const POST = route({ body: pushSubscriptionSchema }, async ({ body, request, rls }) => {
  await assertPushEndpoint(body.endpoint);
  const id = await rls((tx) => savePushSubscription(tx, body, request.headers.get("user-agent")));
  return Response.json({ id }, { status: 201 });
});
