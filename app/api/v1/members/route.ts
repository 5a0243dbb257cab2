import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { listMembers } from "@/lib/orgs/members";

export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  return { members: await withRls(session.claims, (tx) => listMembers(tx, org.orgId)) };
});
