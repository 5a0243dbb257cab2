import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LeadDetail } from "@/components/leads/lead-detail";
import { toJson } from "@/components/leads/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/roles";
import { withRls } from "@/lib/db";
import { listChannels } from "@/lib/channels/admin";
import { listLeadConversations } from "@/lib/inbox/queries";
import { getLead, listLeadEvents } from "@/lib/leads/queries";
import { listMembers } from "@/lib/orgs/members";
import { listProjects } from "@/lib/orgs/projects";
import { currentPreferences } from "@/lib/preferences/current";
import { bantSchema, engagementStateSchema, formatPoints, heatScore, type HeatLine } from "@/lib/scoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("lead") };
}

/**
 * The full breakdown of the stored heat score, recomputed as of the lead's last evaluation so
 * its lines add up to the score shown (the stored explanation only says what changed last).
 */
function heatBreakdown(bant: unknown, engagement: unknown): { line: HeatLine; points: string }[] {
  const parsedBant = bantSchema.safeParse(bant ?? {});
  const parsedEngagement = engagementStateSchema.safeParse(engagement ?? {});
  if (!parsedBant.success || !parsedEngagement.success) return [];
  const at = parsedEngagement.data.lastEvaluatedAt ? new Date(parsedEngagement.data.lastEvaluatedAt) : new Date();
  return heatScore(parsedBant.data, parsedEngagement.data, at)
    .contributions.filter((c) => c.points !== 0)
    .map((c) => ({ line: c.line, points: formatPoints(c.points) }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireOrgSession();
  const org = session.org;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const canManage = hasRole(org.role, "manager");
  const data = await withRls(session.claims, async (tx) => {
    const lead = await getLead(tx, org.orgId, id, { includeDeleted: canManage });
    if (!lead) return null;
    const events = await listLeadEvents(tx, org.orgId, id, { limit: 30 });
    const members = await listMembers(tx, org.orgId);
    const projects = await listProjects(tx, org.orgId);
    const conversations = await listLeadConversations(tx, org.orgId, id);
    const channels = await listChannels(tx, org.orgId);
    return { lead, events, members, projects, conversations, channels };
  });
  if (!data) notFound();
  const prefs = await currentPreferences();
  return (
    <LeadDetail
      key={id}
      initialLead={toJson(data.lead)}
      initialEvents={toJson(data.events)}
      breakdown={heatBreakdown(data.lead.bant, data.lead.engagement)}
      members={data.members.map((m) => ({ userId: m.userId, name: m.fullName || m.email, role: m.role }))}
      projects={data.projects.map((p) => ({ id: p.id, name: p.name }))}
      currentUserId={session.user.id}
      canManage={canManage}
      conversations={toJson(data.conversations)}
      channels={data.channels.map((c) => ({
        id: c.id,
        label: c.label,
        address: c.address,
        capabilities: c.capabilities,
        active: c.active,
      }))}
      preferredWhatsAppNumberId={prefs?.preferences.integrations.whatsapp.preferredNumberId ?? null}
    />
  );
}
