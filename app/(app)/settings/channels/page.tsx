import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChannelsPanel } from "@/components/settings/channels/channels-panel";
import type { ChannelsOverview } from "@/components/settings/channels/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { channelsOverview } from "@/lib/channels/admin";
import { withRls } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("channels") };
}

/** Settings → Channels. The same overview GET /api/v1/channels returns, rendered on the server first. */
export default async function ChannelsPage() {
  const session = await requireOrgSession();
  const org = session.org;
  const isAdmin = can(org.role, "manageChannels");
  const { modes, ...overview } = await withRls(session.claims, (tx) => channelsOverview(tx, org.orgId, isAdmin));
  const initial: ChannelsOverview = JSON.parse(JSON.stringify(overview));
  return <ChannelsPanel initial={initial} canManage={isAdmin} modes={modes} />;
}
