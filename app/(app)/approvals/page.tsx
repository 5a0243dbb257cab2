import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApprovalsView } from "@/components/approvals/approvals-view";
import { UiStateProvider } from "@/components/session-state/ui-state";
import { canApproveTasks } from "@/lib/approvals/settings";
import { requireOrgSession } from "@/lib/auth/page-session";
import { withRls } from "@/lib/db";
import { redirect } from "next/navigation";
import { currentPreferences } from "@/lib/preferences/current";
import { deviceState, restoredQuery } from "@/lib/session-state/restore";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("approvals") };
}

/**
 * The human-in-the-loop queue. Managers and up decide, and reps too when the organization allows
 * it; everyone else sees the drafts of the conversations they can see (RLS decides which) and
 * their status, read-only. The API and the hil_tasks trigger enforce the same rule.
 */
export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireOrgSession();
  // Opened with no view in the URL: this device's last queue filters, silently.
  const hasParams = Object.keys(await searchParams).length > 0;
  const remembered = await deviceState(session);
  const restore = restoredQuery(remembered, session, "approvals", hasParams);
  if (restore) redirect(`/approvals?${restore}`);
  const canApprove = await withRls(session.claims, (tx) => canApproveTasks(tx, session.org.orgId));
  const shortcuts = (await currentPreferences())?.preferences.features.keyboardShortcuts ?? true;
  return (
    // This device's collapsed findings are in the first paint (no jump after hydration).
    <UiStateProvider initial={remembered?.uiState ?? null}>
      <ApprovalsView canApprove={canApprove} currentUserId={session.user.id} shortcuts={shortcuts} />
    </UiStateProvider>
  );
}
