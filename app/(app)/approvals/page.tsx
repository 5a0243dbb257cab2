import type { Metadata } from "next";
import { ApprovalsView } from "@/components/approvals/approvals-view";
import { canApproveTasks } from "@/lib/approvals/settings";
import { requireOrgSession } from "@/lib/auth/page-session";
import { withRls } from "@/lib/db";

export const metadata: Metadata = { title: "Approvals" };

/**
 * The human-in-the-loop queue. Managers and up decide, and reps too when the organization allows
 * it; everyone else sees the drafts of the conversations they can see (RLS decides which) and
 * their status, read-only. The API and the hil_tasks trigger enforce the same rule.
 */
export default async function ApprovalsPage() {
  const session = await requireOrgSession();
  const canApprove = await withRls(session.claims, (tx) => canApproveTasks(tx, session.org.orgId));
  return <ApprovalsView canApprove={canApprove} currentUserId={session.user.id} />;
}
