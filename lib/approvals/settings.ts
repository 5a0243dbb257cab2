import "server-only";
import { PLAN_AGENT_LIMITS, type PlanName } from "@/lib/agents/types";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { updateRepsCanApprove } from "@/lib/orgs/organization";

export type ApprovalSettings = { repsCanApprove: boolean; plan: { name: PlanName; activeLimit: number } };

/** Whether reps may approve drafts in threads they see, and the plan (for the upgrade hint). */
export async function approvalSettings(tx: Tx, orgId: string): Promise<ApprovalSettings> {
  const { rows } = await tx.query<{ reps_can_approve: boolean; plan: PlanName }>(
    "select reps_can_approve, plan from public.organizations where id = $1",
    [orgId],
  );
  if (!rows[0]) throw notFound();
  return {
    repsCanApprove: rows[0].reps_can_approve,
    plan: { name: rows[0].plan, activeLimit: PLAN_AGENT_LIMITS[rows[0].plan] },
  };
}

/** Owners and admins only: the organizations policy and column grants enforce it. */
export async function setRepsCanApprove(
  tx: Tx,
  orgId: string,
  actorId: string,
  repsCanApprove: boolean,
): Promise<ApprovalSettings> {
  await updateRepsCanApprove(tx, actorId, orgId, repsCanApprove);
  return approvalSettings(tx, orgId);
}

/** Whether the current user may decide tasks in this organization: the same rule the hil_tasks trigger applies. */
export async function canApproveTasks(tx: Tx, orgId: string): Promise<boolean> {
  const { rows } = await tx.query<{ allowed: boolean }>("select $1::uuid = any (private.orgs_approving()) as allowed", [
    orgId,
  ]);
  return rows[0]?.allowed ?? false;
}
