import { bulkApprove } from "@/lib/approvals/decide";
import { bulkApproveSchema } from "@/lib/approvals/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { problemTexts } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";

/** Approves each draft as drafted; conflicts are reported per task, not as a failure of the whole batch. */
export const POST = route(
  { role: MIN_ROLE.decideApprovals, body: bulkApproveSchema },
  async ({ org, session, body, locale }) => ({
    results: await bulkApprove(session.claims, userActor(session), org.orgId, body.ids, problemTexts(await locale())),
  }),
);
