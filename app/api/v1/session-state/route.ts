import { badRequest } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { deviceIdFromCookies } from "@/lib/session-state/device";
import { sessionStatePatchSchema } from "@/lib/session-state/schema";
import { saveState, stateWithOffer } from "@/lib/session-state/store";

/** This device's state (renewed by reading), plus where the user left off elsewhere when this device has none. */
export const GET = route({}, ({ request, rls }) =>
  rls((tx) => stateWithOffer(tx, deviceIdFromCookies(request.headers.get("cookie")))),
);

/** A batched patch from the browser's debounced writer; answers 204 without a body. */
export const PUT = route({ body: sessionStatePatchSchema }, async ({ request, body, org, rls }) => {
  const deviceId = deviceIdFromCookies(request.headers.get("cookie"));
  if (!deviceId) throw badRequest("deviceIdMissing");
  const context = body.currentContext;
  // A page's view belongs to the organization it was seen in: the server knows which.
  if (context && !("orgId" in context) && (context.leads || context.inbox || context.approvals || context.page)) {
    context.orgId = org?.orgId ?? null;
  }
  await rls((tx) => saveState(tx, deviceId, body));
  return new Response(null, { status: 204 });
});
