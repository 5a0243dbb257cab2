import { z } from "zod";
import { route } from "@/lib/http/route";
import { removePushSubscription } from "@/lib/notifications/push";

/** Forgets this browser's subscription; unknown endpoints are fine (already gone). */
export const POST = route(
  { body: z.object({ endpoint: z.url("pushEndpointUrl").max(1000) }) },
  async ({ body, rls }) => {
    const removed = await rls((tx) => removePushSubscription(tx, body.endpoint));
    return { removed };
  },
);
