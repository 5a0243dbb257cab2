import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";
import {
  getResponseTimeSettings,
  responseTimeSettingsSchema,
  saveResponseTimeSettings,
} from "@/lib/inbox/sla-settings";

/** Working hours and the response-time target per channel. */
export const GET = route({ org: true }, async ({ org, rls }) => ({
  settings: await rls((tx) => getResponseTimeSettings(tx, org.orgId)),
}));

export const PUT = route(
  { role: MIN_ROLE.changeResponseTimes, body: responseTimeSettingsSchema },
  async ({ org, user, body, rls }) => ({
    settings: await rls(async (tx) => {
      await saveResponseTimeSettings(tx, user.id, org.orgId, body);
      return getResponseTimeSettings(tx, org.orgId);
    }),
  }),
);
