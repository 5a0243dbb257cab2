import { rotateInboundEmailSecret } from "@/lib/email/inbound-secret";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";

/** Rotates the inbound email signing secret: deliveries signed with the old one are refused from now on. */
export const POST = route({ role: MIN_ROLE.manageChannels }, async ({ org, rls, user }) =>
  Response.json(await rls((tx) => rotateInboundEmailSecret(tx, user.id, org.orgId))),
);
