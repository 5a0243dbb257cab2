import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { toJson } from "@/components/leads/types";
import { InboxView } from "@/components/inbox/inbox-view";
import { fromRecord, listQuery } from "@/components/inbox/query";
import type { ConversationPage } from "@/components/inbox/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/roles";
import { withRls } from "@/lib/db";
import { listConversations } from "@/lib/inbox/queries";
import { listConversationsQuerySchema } from "@/lib/inbox/schema";
import { listMembers } from "@/lib/orgs/members";
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
  const restore = restoredQuery(await deviceState(session), session, "inbox", !!key || !!fromRecord(record).get("c"));
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

  return (
    <InboxView
      initialKey={key}
      initialPage={page}
      members={members.map((m) => ({ userId: m.userId, name: m.fullName || m.email, role: m.role }))}
      currentUserId={session.user.id}
      canAssignOthers={hasRole(org.role, "manager")}
    />
  );
}
