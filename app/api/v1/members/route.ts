import { route } from "@/lib/http/route";
import { listMembers } from "@/lib/orgs/members";

export const GET = route({ org: true }, async ({ org, rls }) => ({
  members: await rls((tx) => listMembers(tx, org.orgId)),
}));
