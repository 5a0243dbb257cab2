import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { platformAdminOf, setUserSignIn } from "@/lib/platform/admin";
import { consoleBody } from "@/lib/platform/input";
import { signInAccessBody } from "@/lib/platform/schema";

/** `{ "enabled": false }` disables the person's sign-in and ends their sessions; `true` lets them in again. Audited. */
export const PUT = route(
  {
    params: z.object({ id: uuidParam }),
    openapi: {
      summary: "Disable or enable sign-in (platform admins)",
      description:
        'Body `{ "enabled": boolean }`. Disabling ends every session of the person at once. Audited. Platform admins only: 404 for everyone else.',
    },
  },
  async ({ session, request, params }) => {
    const admin = await platformAdminOf(session);
    const body = await consoleBody(signInAccessBody, request);
    return { user: await setUserSignIn(admin, params.id, body.enabled) };
  },
);
