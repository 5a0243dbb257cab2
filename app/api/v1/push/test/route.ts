import { conflict } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { sendTestPush } from "@/lib/notifications/push";

/** Sends a test push to every browser of the signed-in user; answers only whether it was delivered. */
export const POST = route({}, async ({ session, user }) => {
  const result = await sendTestPush(session.claims, user.id);
  if (!result.ok && result.browsers === 0) throw conflict("noPushSubscription");
  return { ok: result.ok, browsers: result.browsers };
});
