import "server-only";
import type { Tx } from "@/lib/db";
import { emitWebhookEvents } from "@/lib/webhooks/emit";
import type { WebhookEventInput, WebhookEventType, WebhookLead } from "@/lib/webhooks/events";
import type { LeadEventType } from "./schema";

/** The part of a timeline entry (lib/leads/events.ts LeadEventInput) an announcement reads. */
type TimelineEntry = { orgId: string; leadId: string; type: LeadEventType; data?: Record<string, unknown> };

/**
 * The lead events outbound webhooks hear of, announced from the lead timeline's writer
 * (lib/leads/events.ts), which every change to a lead passes through: created, edited,
 * scored, qualified, deleted, by a person, an import, an inbound message or a job alike.
 */
const WEBHOOK_TYPE: Partial<Record<LeadEventType, WebhookEventType>> = {
  created: "lead.created",
  updated: "lead.updated",
  bant_changed: "lead.updated",
  status_changed: "lead.updated",
  owner_changed: "lead.updated",
  restored: "lead.updated",
  heat_override: "lead.updated",
  heat_changed: "lead.heat_changed",
  bant_qualified: "lead.qualified",
  deleted: "lead.deleted",
};

type SnapshotRow = {
  id: string;
  project_id: string | null;
  owner_id: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  source: string;
  status: WebhookLead["status"];
  tags: string[];
  bant_score: number;
  bant_qualified: boolean;
  heat_level: WebhookLead["heatLevel"];
  heat_score: number;
  created_at: Date;
  updated_at: Date;
};

async function snapshots(tx: Tx, orgId: string, ids: string[]): Promise<Map<string, WebhookLead>> {
  const { rows } = await tx.query<SnapshotRow>(
    `select id, project_id, owner_id, name, email, phone, company, title, source, status, tags, bant_score,
            bant_qualified, heat_level, heat_score, created_at, updated_at
       from public.leads where org_id = $1 and id = any($2::uuid[])`,
    [orgId, ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        projectId: r.project_id,
        ownerId: r.owner_id,
        name: r.name,
        email: r.email,
        phone: r.phone,
        company: r.company,
        title: r.title,
        source: r.source,
        status: r.status,
        tags: r.tags,
        bantScore: r.bant_score,
        bantQualified: r.bant_qualified,
        heatLevel: r.heat_level,
        heatScore: r.heat_score,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      },
    ]),
  );
}

const HEAT = new Set(["cold", "warm", "hot", "burning"]);
type Heat = WebhookLead["heatLevel"];

/** Announces the webhook events of timeline entries just written (one organization's, as callers write them). */
export async function announceLeadEvents(tx: Tx, events: readonly TimelineEntry[]): Promise<void> {
  const byOrg = new Map<string, TimelineEntry[]>();
  for (const event of events) {
    if (!WEBHOOK_TYPE[event.type]) continue;
    byOrg.set(event.orgId, [...(byOrg.get(event.orgId) ?? []), event]);
  }
  for (const [orgId, list] of byOrg) {
    const types = [...new Set(list.map((e) => WEBHOOK_TYPE[e.type]!))];
    await emitWebhookEvents(tx, orgId, types, async () => {
      const leads = await snapshots(tx, orgId, [...new Set(list.map((e) => e.leadId))]);
      const now = new Date().toISOString();
      return list.flatMap((event): WebhookEventInput[] => {
        const type = WEBHOOK_TYPE[event.type]!;
        if (type === "lead.deleted") return [{ type, data: { lead: { id: event.leadId }, deletedAt: now } }];
        const lead = leads.get(event.leadId);
        // A lead the acting member cannot see (or already purged) has nothing to tell.
        if (!lead) return [];
        switch (type) {
          case "lead.created":
          case "lead.qualified":
            return [{ type, data: { lead } }];
          case "lead.heat_changed": {
            const from = event.data?.from;
            const to = event.data?.to;
            if (typeof from !== "string" || typeof to !== "string" || !HEAT.has(from) || !HEAT.has(to)) return [];
            return [{ type, data: { lead, from: from as Heat, to: to as Heat } }];
          }
          case "lead.updated":
            return [{ type, data: { lead, change: event.type as "updated" } }];
        }
        return [];
      });
    });
  }
}
