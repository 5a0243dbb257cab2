import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { toJson } from "@/components/leads/types";
import { InboxView } from "@/components/inbox/inbox-view";
import { UiStateProvider } from "@/components/session-state/ui-state";
import { fromRecord, listQuery } from "@/components/inbox/query";
import type { ConversationPage } from "@/components/inbox/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/roles";
import { withRls } from "@/lib/db";
import { listConversations } from "@/lib/inbox/queries";
import { listConversationsQuerySchema } from "@/lib/inbox/schema";
import { listMembers } from "@/lib/orgs/members";
import { currentPreferences } from "@/lib/preferences/current";
import { hasBeta } from "@/lib/preferences/schema";
import { redirect } from "next/navigation";
import { deviceState, restoredQuery } from "@/lib/session-state/restore";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("inbox") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The conversations inbox: the list's first page and the team come with the page; the rest is live on the client. */
export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireOrgSession();
  const org = session.org;
  const record = await searchParams;
  const key = listQuery(fromRecord(record));
  // Opened with no view in the URL: this device's last filters and open conversation, silently.
  const remembered = await deviceState(session);
  const restore = restoredQuery(remembered, session, "inbox", !!key || !!fromRecord(record).get("c"));
  if (restore) redirect(`/inbox?${restore}`);
  const parsed = listConversationsQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(key)));

  const [page, members] = await withRls(session.claims, async (tx) => {
    let first: ConversationPage | null = null;
    if (parsed.success) {
      // A stale or tampered cursor is not worth an error page; the client shows the problem when it refetches.
      await tx.query("savepoint list_conversations");
      try {
        first = toJson(await listConversations(tx, org.orgId, session.user.id, parsed.data));
      } catch {
        await tx.query("rollback to savepoint list_conversations");
      }
    }
    const people = await listMembers(tx, org.orgId);
    return [first, people] as const;
  });
  // Beta features (Settings → Preferences) are decided here, so the first paint already has them.
  const prefs = (await currentPreferences())?.preferences;
  const compact = prefs ? hasBeta(prefs, "compact-inbox") : false;
  const triage = prefs ? hasBeta(prefs, "keyboard-triage") && prefs.features.keyboardShortcuts : false;

  // This device's open and closed panels are in the first paint (no jump after hydration).
  return (
    <UiStateProvider initial={remembered?.uiState ?? null}>
      <InboxView
        initialKey={key}
        initialPage={page}
        members={members.map((m) => ({ userId: m.userId, name: m.fullName || m.email, role: m.role }))}
        currentUserId={session.user.id}
        canAssignOthers={hasRole(org.role, "manager")}
        compact={compact}
        triage={triage}
      />
    </UiStateProvider>
  );
}
