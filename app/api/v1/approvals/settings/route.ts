import { z } from "zod";
import { approvalSettings, setRepsCanApprove } from "@/lib/approvals/settings";
import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** Whether reps may approve drafts in threads they see (and the plan, for the upgrade hint). */
export const GET = route({ role: "rep" }, async ({ session }) => {
  const org = requireOrg(session);
  return withRls(session.claims, (tx) => approvalSettings(tx, org.orgId));
});

/** Owners and admins decide whether reps may approve (the organizations policy enforces it). */
export const PATCH = route({ role: MIN_ROLE.changeApprovalSettings, body: z.object({ repsCanApprove: z.boolean() }) }, async ({ session, body }) => {
  const org = requireOrg(session);
  return withRls(session.claims, (tx) => setRepsCanApprove(tx, org.orgId, session.user.id, body.repsCanApprove));
});
