import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResponseTimesForm } from "@/components/settings/conversation-handling/response-times-form";
import { TagsPanel } from "@/components/settings/conversation-handling/tags-panel";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { getResponseTimeSettings } from "@/lib/inbox/sla-settings";
import { listTags } from "@/lib/inbox/tags";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("conversationHandling") };
}

/** Settings → Inbox: conversation tags (managers and above) and response times (admins). */
export default async function InboxSettingsPage() {
  const session = await requireOrgSession();
  const org = session.org;
  const [tags, responseTimes] = await withRls(session.claims, (tx) =>
    Promise.all([listTags(tx, org.orgId), getResponseTimeSettings(tx, org.orgId)]),
  );
  return (
    <div className="space-y-6">
      <TagsPanel initialTags={tags} canManage={can(org.role, "manageConversationTags")} />
      <ResponseTimesForm initial={responseTimes} canManage={can(org.role, "changeResponseTimes")} />
    </div>
  );
}
