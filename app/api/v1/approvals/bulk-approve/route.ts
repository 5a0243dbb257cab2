import { bulkApprove } from "@/lib/approvals/decide";
import { bulkApproveSchema } from "@/lib/approvals/schema";
import { requireOrg, route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";

/** Approves each draft as drafted; conflicts are reported per task, not as a failure of the whole batch. */
export const POST = route({ role: "rep", body: bulkApproveSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  return { results: await bulkApprove(session.claims, userActor(session), org.orgId, body.ids) };
});
