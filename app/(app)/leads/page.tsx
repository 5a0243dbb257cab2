import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LeadsView } from "@/components/leads/leads-view";
import { UiStateProvider } from "@/components/session-state/ui-state";
import { canonicalQuery, fromRecord } from "@/components/leads/query";
import { toJson } from "@/components/leads/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/roles";
import { withRls } from "@/lib/db";
import { countLeadsByHeat, listLeads, type LeadPage } from "@/lib/leads/queries";
import { listLeadsQuerySchema } from "@/lib/leads/schema";
import { listMembers } from "@/lib/orgs/members";
import { listProjects } from "@/lib/orgs/projects";
import { redirect } from "next/navigation";
import { deviceState, restoredQuery } from "@/lib/session-state/restore";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("leads") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LeadsPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireOrgSession();
  const org = session.org;
  const canManage = hasRole(org.role, "manager");
  const view = new URLSearchParams(canonicalQuery(fromRecord(await searchParams)));
  if (!canManage) view.delete("deleted");
  // Opened with no view in the URL: this device's last view of the list, silently.
  const remembered = await deviceState(session);
  const restore = restoredQuery(remembered, session, "leads", view.size > 0);
  if (restore) redirect(`/leads?${restore}`);
  const parsed = listLeadsQuerySchema.safeParse(Object.fromEntries(view));

  const [page, counts, members, projects] = await withRls(session.claims, async (tx) => {
    let first: LeadPage | null = null;
    if (parsed.success) {
      // A stale or tampered cursor is not worth an error page; the client shows the problem when it refetches.
      await tx.query("savepoint list_leads");
      try {
        first = await listLeads(tx, org.orgId, session.user.id, parsed.data);
      } catch {
        await tx.query("rollback to savepoint list_leads");
      }
    }
    // One connection per transaction: the reads run one after the other.
    const byHeat = await countLeadsByHeat(tx, org.orgId);
    const people = await listMembers(tx, org.orgId);
    const openProjects = await listProjects(tx, org.orgId);
    return [first, byHeat, people, openProjects] as const;
  });

  // This device's collapsed sections and row density are in the first paint (no jump after hydration).
  return (
    <UiStateProvider initial={remembered?.uiState ?? null}>
      <LeadsView
        initialKey={view.toString()}
        initialPage={page ? toJson(page) : null}
        initialCounts={counts}
        members={members.map((m) => ({ userId: m.userId, name: m.fullName || m.email, role: m.role }))}
        projects={projects.map((p) => ({ id: p.id, name: p.name }))}
        currentUserId={session.user.id}
        canManage={canManage}
        rememberedColumns={remembered?.currentContext.leads?.columns ?? null}
      />
    </UiStateProvider>
  );
}
