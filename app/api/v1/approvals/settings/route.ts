import { z } from "zod";
import { approvalSettings, setRepsCanApprove } from "@/lib/approvals/settings";
import { route } from "@/lib/http/route";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** Whether reps may approve drafts in threads they see (and the plan, for the upgrade hint). */
export const GET = route({ org: true }, async ({ org, rls }) => rls((tx) => approvalSettings(tx, org.orgId)));

/** Owners and admins decide whether reps may approve (the organizations policy enforces it). */
export const PATCH = route(
  { role: MIN_ROLE.changeApprovalSettings, body: z.object({ repsCanApprove: z.boolean() }) },
  async ({ org, body, rls, user }) => rls((tx) => setRepsCanApprove(tx, org.orgId, user.id, body.repsCanApprove)),
);
