import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MeetingsView } from "@/components/meetings/meetings-view";
import { toJson } from "@/components/leads/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/roles";
import { withRls } from "@/lib/db";
import { calendlySandboxEnabled } from "@/lib/integrations/calendly/config";
import { listMeetings, type MeetingPage } from "@/lib/meetings/queries";
import { listMeetingsQuerySchema } from "@/lib/meetings/schema";
import { listMembers } from "@/lib/orgs/members";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("meetings") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function MeetingsPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireOrgSession();
  const org = session.org;
  const params = await searchParams;
  const filters = {
    tab: first(params.tab) === "past" ? ("past" as const) : ("upcoming" as const),
    owner: first(params.owner) ?? "",
    status: first(params.status) ?? "",
  };
  const parsed = listMeetingsQuerySchema.safeParse({
    tab: filters.tab,
    owner: filters.owner || undefined,
    status: filters.status || undefined,
  });
  const [page, members] = await withRls(session.claims, async (tx) => {
    // Bad filters in a hand-edited URL: the client shows the API's error when it fetches.
    const meetings: MeetingPage | null = parsed.success
      ? await listMeetings(tx, org.orgId, session.user.id, parsed.data)
      : null;
    return [meetings, await listMembers(tx, org.orgId)] as const;
  });
  return (
    <MeetingsView
      initial={page ? toJson(page) : null}
      initialFilters={filters}
      members={members.map((m) => ({ userId: m.userId, name: m.fullName || m.email }))}
      canSimulate={hasRole(org.role, "admin") && calendlySandboxEnabled()}
    />
  );
}
