import { route } from "@/lib/http/route";
import { getQueueHealth, platformAdminOf } from "@/lib/platform/admin";

/** Webhook backlog per provider and job queue backlog and failure rate per queue. Signed out: 401; anyone but a platform admin: 404. */
export const GET = route(
  {
    openapi: {
      summary: "Queue health (platform admins)",
      description:
        "Webhook backlog per provider; job backlog, failure rate and dead letters per queue. Platform admins only: 404 for everyone else.",
    },
  },
  async ({ session }) => getQueueHealth(await platformAdminOf(session)),
);
