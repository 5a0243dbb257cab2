import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService, type Claims, type Tx } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import { createAgent } from "@/lib/agents/mutations";
import { approveTask, rejectTask } from "@/lib/approvals/decide";
import { returnToAi, takeOver } from "@/lib/approvals/takeover";
import { createChannel } from "@/lib/channels/admin";
import { simulatedInboundEvent } from "@/lib/channels/simulate";
import { recordMessagingEvents } from "@/lib/inbox/ingest";
import { markConversationRead, queueReply, updateConversation } from "@/lib/inbox/mutations";
import { processInboundEvent } from "@/lib/inbound/events";
import { bulkUpdate, createLead, setDeleted, updateLead } from "@/lib/leads/mutations";
import { markMeetingHeld } from "@/lib/meetings/held";
import { deliverSimulated, prepareSimulatedAction, prepareSimulatedBooking } from "@/lib/meetings/simulate";
import { setOrganizationPlan } from "@/lib/orgs/organization";
import { seededRandom } from "@/lib/random/seeded";
import * as rollups from "@/lib/analytics/activity-rollups";
import * as direct from "@/lib/analytics/direct-activity";
import { resolveRange } from "@/lib/analytics/range";
import type { AnalyticsQuery } from "@/lib/analytics/types";
import { addMember, createTestOrg, createTestUser, uniqueName, type TestUser } from "../helpers";
import { mobile } from "../inbox/webhook-client";

/**
 * The activity rollups against the source tables: a seeded, randomized series of writes made
 * through the modules the app uses (the inbox's webhook pipeline, the drafting job with the
 * offline AI provider, approvals, takeover, replies, Calendly deliveries, held meetings, lead
 * edits, soft delete and restore), then every activity widget from the rollups (under RLS, as a
 * manager, as a restricted rep, per project) must equal the direct aggregate with the same scope,
 * and a rebuild from the source tables must change nothing.
 */
afterAll(() => closeDatabase());

type Person = TestUser & { actor: { type: "user"; id: string; name: string } };
const SCHEDULING_URL = "https://calendly.com/acme-analytics/intro";

let orgId: string;
let owner: Person, manager: Person, rep1: Person, rep2: Person;
let projects: string[];
let channelId: string;
let agentId: string;
type Lead = { id: string; phone: string; deleted: boolean };
const leads: Lead[] = [];

const person = async (name: string): Promise<Person> => {
  const user = await createTestUser({ fullName: name });
  return { ...user, actor: { type: "user", id: user.id, name } };
};

const drained = async () => {
  for (let round = 0; round < 4; round++) await settled();
};

const service = <T>(work: (tx: Tx) => Promise<T>) => withService(work);
const asUser = <T>(p: Person, work: (tx: Tx) => Promise<T>) => withRls(p.claims as Claims, work);

async function leadWrites(lead: Lead, body: string) {
  const draft = await service((tx) =>
    simulatedInboundEvent(tx, orgId, channelId, { from: lead.phone, body, medium: "sms" }),
  );
  const [id] = await recordMessagingEvents([draft], { headers: {}, sandboxOrg: orgId });
  expect((await processInboundEvent(id!)).result).toBe("processed");
  await drained();
}

const conversationOf = async (lead: Lead) =>
  (await service((tx) => tx.query<{ id: string }>("select id from public.conversations where lead_id = $1", [lead.id])))
    .rows[0]?.id ?? null;

const pendingDraftOf = async (lead: Lead) =>
  (
    await service((tx) =>
      tx.query<{ id: string; draft: string }>(
        `select id, payload ->> 'draft' as draft from public.hil_tasks
          where lead_id = $1 and status = 'pending' and kind = 'message_approval'`,
        [lead.id],
      ),
    )
  ).rows[0] ?? null;

const meetingsOf = async (lead: Lead, where = "true") =>
  (
    await service((tx) =>
      tx.query<{ id: string; starts_at: Date }>(
        `select id, starts_at from public.meetings where lead_id = $1 and status = 'scheduled' and rescheduled_to_id is null and ${where}`,
        [lead.id],
      ),
    )
  ).rows;

async function book(lead: Lead, startsAt: Date) {
  const { deliveries } = await asUser(manager, (tx) =>
    prepareSimulatedBooking(tx, orgId, {
      leadId: lead.id,
      title: "Intro call",
      durationMinutes: 30,
      startsAt,
    } as never),
  );
  await deliverSimulated(orgId, deliveries);
}

async function meetingAction(meetingId: string, action: "cancel" | "no_show" | "reschedule") {
  const deliveries = await asUser(manager, (tx) =>
    prepareSimulatedAction(tx, orgId, meetingId, { action, reason: "Testing" } as never),
  );
  await deliverSimulated(orgId, deliveries);
}

type Answers = Awaited<ReturnType<typeof rollupAnswers>>;

async function rollupAnswers(viewer: Person, q: AnalyticsQuery) {
  return asUser(viewer, async (tx) => ({
    meetings: await rollups.meetingsWidget(tx, q, orgId),
    conversations: await rollups.conversationsWidget(tx, q, orgId),
    agents: await rollups.agentsWidget(tx, q, orgId),
    team: await rollups.teamActivity(tx, q, orgId),
  }));
}

async function directAnswers(restrictedTo: string | null, q: AnalyticsQuery): Promise<Answers> {
  const scope = { orgId, restrictedTo };
  return service(async (tx) => ({
    meetings: await direct.meetingsWidget(tx, q, scope),
    conversations: await direct.conversationsWidget(tx, q, scope),
    agents: await direct.agentsWidget(tx, q, scope),
    team: await direct.teamActivity(tx, q, scope),
  }));
}

const queries = (timeZone: string, projectId: string | null = null): AnalyticsQuery[] => [
  resolveRange({ range: "24h", timeZone, projectId, now: new Date() }),
  resolveRange({ range: "7d", timeZone, projectId, now: new Date() }),
  resolveRange({ range: "30d", timeZone, projectId, now: new Date() }),
];

/** Every viewer and scope the dashboard has: the manager, a restricted rep, one project. */
async function expectRollupsEqualDirect(): Promise<Answers[]> {
  const answers: Answers[] = [];
  for (const timeZone of ["Europe/Zurich", "UTC"]) {
    for (const q of queries(timeZone)) {
      const managerView = await rollupAnswers(manager, q);
      expect(managerView).toEqual(await directAnswers(null, q));
      const repView = await rollupAnswers(rep1, q);
      expect(repView).toEqual(await directAnswers(rep1.id, q));
      answers.push(managerView, repView);
    }
    for (const q of queries(timeZone, projects[0]!)) {
      const projectView = await rollupAnswers(manager, q);
      expect(projectView).toEqual(await directAnswers(null, q));
      answers.push(projectView);
    }
  }
  return answers;
}

beforeAll(async () => {
  [owner, manager, rep1, rep2] = await Promise.all([
    person("Olivia Owner"),
    person("Mia Manager"),
    person("Rita Rep"),
    person("Ray Rep"),
  ]);
  orgId = await createTestOrg(owner, uniqueName("Analytics"));
  await addMember(orgId, manager, "manager");
  await addMember(orgId, rep1, "rep");
  await addMember(orgId, rep2, "rep");
  projects = await service(async (tx) => {
    // Reps see only their own (and unassigned) leads here: the restricted view under test.
    await tx.query(
      "update public.organizations set settings = settings || '{\"reps_see_own_leads_only\": true}'::jsonb where id = $1",
      [orgId],
    );
    await setOrganizationPlan(tx, orgId, "pro");
    const { rows } = await tx.query<{ id: string }>(
      "insert into public.projects (org_id, name) values ($1, 'Rooftops'), ($1, 'Storage') returning id",
      [orgId],
    );
    return rows.map((r) => r.id);
  });
  channelId = await asUser(owner, (tx) =>
    createChannel(tx, owner.id, orgId, { provider: "twilio", address: mobile(), capabilities: ["sms"], label: "Main" }),
  );
  const sales = AGENT_TEMPLATES.find((t) => t.role === "sales")!;
  const support = AGENT_TEMPLATES.find((t) => t.role === "support")!;
  agentId = await asUser(manager, (tx) =>
    createAgent(tx, manager.id, orgId, {
      ...sales,
      name: "Sunny",
      language: "en",
      schedulingUrl: SCHEDULING_URL,
    } as never),
  );
  // A second, inactive agent: listed only when it has activity in the period.
  await asUser(manager, (tx) =>
    createAgent(tx, manager.id, orgId, { ...support, name: "Dormant", language: "en", active: false } as never),
  );
  const owners = [rep1.id, rep2.id, manager.id, null];
  for (let i = 0; i < 12; i++) {
    const phone = mobile();
    const id = await asUser(manager, (tx) =>
      createLead(tx, manager.actor, orgId, {
        name: `Lead ${i}`,
        email: `lead-${i}-${phone.slice(-7)}@analytics.test`,
        phone,
        projectId: projects[i % 3 === 2 ? 1 : 0] ?? null,
        ownerId: owners[i % owners.length] ?? null,
      } as never),
    );
    leads.push({ id, phone, deleted: false });
  }
}, 120_000);

describe("activity rollups", () => {
  it("after a randomized series of writes through the modules, the rollups answer like direct SQL for a manager, a restricted rep and a project, and a rebuild changes nothing", async () => {
    const rnd = seededRandom(1303);
    const live = () => leads.filter((l) => !l.deleted);

    // A lead who asks to meet gets the agent's scheduling link, approved and sent, then books:
    // a booking that came from the agent's link. Another lead qualifies fully in one message.
    const asker = leads[0]!;
    await leadWrites(asker, "Hi, can we book a meeting next week to talk about panels?");
    const offer = await pendingDraftOf(asker);
    expect(offer?.draft).toContain(SCHEDULING_URL);
    await approveTask(manager.claims as Claims, manager.actor, orgId, offer!.id);
    await drained();
    await book(asker, new Date(Date.now() - 2 * 3600_000));
    await leadWrites(
      leads[1]!,
      "We have a budget of CHF 25k, I'm the owner of the house, we need solar panels and want them installed before March.",
    );

    const lines = [
      "Hello, what would panels for my roof cost?",
      "Do you also install batteries?",
      "Can we schedule a call on Thursday?",
      "Our budget is around CHF 15k.",
      "Thanks, that helps.",
    ];
    for (let step = 0; step < 40; step++) {
      const lead = rnd.pick(live());
      const action = rnd.int(0, 11);
      const conversation = await conversationOf(lead);
      if (action <= 2 || !conversation) {
        await leadWrites(lead, rnd.pick(lines));
      } else if (action === 3 || action === 4) {
        const task = await pendingDraftOf(lead);
        if (task)
          await approveTask(
            manager.claims as Claims,
            manager.actor,
            orgId,
            task.id,
            rnd.chance(0.5) ? `${task.draft} Kind regards, Mia` : undefined,
          );
        await drained();
      } else if (action === 5) {
        const task = await pendingDraftOf(lead);
        if (task) await rejectTask(manager.claims as Claims, manager.actor, orgId, task.id, "Too pushy");
      } else if (action === 6) {
        if (rnd.chance(0.7)) await asUser(manager, (tx) => takeOver(tx, manager.actor, orgId, conversation));
        else await returnToAi(manager.claims as Claims, manager.id, orgId, conversation);
        await drained();
      } else if (action === 7) {
        const writer = rnd.chance(0.5) ? manager : owner;
        await asUser(writer, (tx) =>
          queueReply(tx, writer.actor, orgId, conversation, "Thanks, I'll get back to you."),
        );
        await drained();
      } else if (action === 8) {
        const status = rnd.pick(["open", "pending", "closed"] as const);
        await asUser(manager, (tx) => updateConversation(tx, orgId, conversation, { status }));
      } else if (action === 9) {
        const past = await meetingsOf(lead, "starts_at < now()");
        if (past.length && rnd.chance(0.6)) {
          const choice = rnd.int(0, 2);
          if (choice === 0)
            await service((tx) => markMeetingHeld(tx, { orgId, meetingId: past[0]!.id, actor: manager.actor }));
          else await meetingAction(past[0]!.id, choice === 1 ? "no_show" : "cancel");
        } else {
          const upcoming = await meetingsOf(lead, "starts_at > now()");
          if (upcoming.length) await meetingAction(upcoming[0]!.id, rnd.chance(0.5) ? "reschedule" : "cancel");
          else await book(lead, new Date(Date.now() + rnd.int(-6, 48) * 3600_000));
        }
      } else if (action === 10) {
        const change = rnd.int(0, 2);
        if (change === 0)
          await asUser(manager, (tx) =>
            updateLead(tx, manager.actor, orgId, lead.id, { ownerId: rnd.pick([rep1.id, rep2.id, manager.id, null]) }),
          );
        else if (change === 1)
          await asUser(manager, (tx) =>
            updateLead(tx, manager.actor, orgId, lead.id, { projectId: rnd.pick([...projects, null]) }),
          );
        else {
          const ids = rnd.shuffle(live().map((l) => l.id)).slice(0, 4);
          await asUser(manager, (tx) =>
            bulkUpdate(tx, manager.actor, orgId, { ids, changes: { ownerId: rnd.pick([rep1.id, rep2.id]) } } as never),
          );
        }
      } else {
        const deleted = leads.filter((l) => l.deleted);
        if (deleted.length && rnd.chance(0.5)) {
          const back = rnd.pick(deleted);
          await asUser(manager, (tx) => setDeleted(tx, manager.actor, orgId, back.id, false));
          back.deleted = false;
        } else if (live().length > 6) {
          await asUser(manager, (tx) => setDeleted(tx, manager.actor, orgId, lead.id, true));
          lead.deleted = true;
        }
      }
    }
    // Restore one lead at the end so a restore is always part of the series.
    const stillDeleted = leads.find((l) => l.deleted);
    if (stillDeleted) {
      await asUser(manager, (tx) => setDeleted(tx, manager.actor, orgId, stillDeleted.id, false));
      stillDeleted.deleted = false;
    }

    const before = await expectRollupsEqualDirect();
    const manager7d = before[2]!;
    expect(manager7d.conversations.current.inbound).toBeGreaterThan(5);
    expect(manager7d.conversations.current.outbound).toBeGreaterThan(0);
    expect(manager7d.conversations.current.firstResponseAi).not.toBeNull();
    expect(manager7d.meetings.current.fromAgentLink).toBeGreaterThanOrEqual(1);
    expect(manager7d.meetings.current.qualified).toBeGreaterThanOrEqual(1);
    const sunny = manager7d.agents.rows.find((r) => r.agentId === agentId)!;
    expect(sunny).toMatchObject({ name: "Sunny" });
    expect(sunny.drafts).toBeGreaterThan(0);
    expect(sunny.approved).toBeGreaterThan(0);
    expect(sunny.meetingsBooked).toBeGreaterThanOrEqual(1);
    expect(sunny.leadsQualified).toBeGreaterThanOrEqual(1);
    expect(manager7d.agents.rows.map((r) => r.name)).not.toContain("Dormant");
    expect(manager7d.team.get(manager.id)?.repliesSent).toBeGreaterThan(0);

    await service((tx) => tx.query("select private.analytics_rebuild($1)", [orgId]));
    const after = await expectRollupsEqualDirect();
    expect(after).toEqual(before);
  }, 300_000);

  it("messages count on the local day of the viewer: 23:30 UTC is already tomorrow in Zurich", async () => {
    // Two of the lead's messages moved to either side of Zurich's midnight (UTC+1 in winter).
    const lead = leads.find((l) => !l.deleted)!;
    await leadWrites(lead, "One more question before midnight.");
    await leadWrites(lead, "And one after midnight.");
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await service(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `select m.id from public.messages m join public.conversations c on c.id = m.conversation_id
          where c.lead_id = $1 and m.direction = 'inbound' order by m.created_at desc, m.id desc limit 2`,
        [lead.id],
      );
      await tx.query("update public.messages set created_at = $2 where id = $1", [rows[1]!.id, `${day}T22:30:00Z`]);
      await tx.query("update public.messages set created_at = $2 where id = $1", [rows[0]!.id, `${day}T23:30:00Z`]);
    });
    const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const zurich = resolveRange({ range: "custom", from: day, to: next, timeZone: "Europe/Zurich" });
    const utc = resolveRange({ range: "custom", from: day, to: next, timeZone: "UTC" });
    const inbound = (a: Answers, d: string) => a.conversations.days.find((x) => x.day === d)!.inbound.sms ?? 0;

    const zurichView = await rollupAnswers(manager, zurich);
    expect(zurichView).toEqual(await directAnswers(null, zurich));
    const utcView = await rollupAnswers(manager, utc);
    expect(utcView).toEqual(await directAnswers(null, utc));
    expect(inbound(zurichView, day)).toBe(1);
    expect(inbound(zurichView, next)).toBe(1);
    expect(inbound(utcView, day)).toBe(2);
    expect(inbound(utcView, next)).toBe(0);
    await expectRollupsEqualDirect();
  }, 120_000);

  it("updates of columns no rollup reads (delivery status, a thread's read state) write no rollup row", async () => {
    const tables = [
      "analytics_messages",
      "analytics_project_messages",
      "analytics_org_messages",
      "analytics_replies",
      "analytics_first_responses",
      "analytics_conversations",
      "analytics_conversation_status",
      "analytics_agent_drafts",
    ];
    // Every row's physical version: an upsert, even of +0, would give it a new one.
    const versions = () =>
      service(async (tx) =>
        Promise.all(
          tables.map(
            async (table) =>
              (
                await tx.query<{ v: string }>(
                  `select coalesce(string_agg(ctid::text || xmin::text, ',' order by ctid), '') as v from public.${table} where org_id = $1`,
                  [orgId],
                )
              ).rows[0]!.v,
          ),
        ),
      );
    const before = await versions();
    expect(before.every((v) => v.length > 0)).toBe(true);
    await service((tx) =>
      tx.query(
        "update public.messages set status = 'delivered', status_at = now() where org_id = $1 and direction = 'outbound' and status <> 'failed'",
        [orgId],
      ),
    );
    const conversation = (await conversationOf(leads.find((l) => !l.deleted)!))!;
    await asUser(manager, (tx) => markConversationRead(tx, orgId, conversation));
    expect(await versions()).toEqual(before);
  });

  it("another organization's member and a restricted rep read no rollup rows of leads they cannot see", async () => {
    const stranger = await person("Stranger");
    await createTestOrg(stranger, uniqueName("Other"));
    const tables = [
      "analytics_messages",
      "analytics_replies",
      "analytics_first_responses",
      "analytics_conversations",
      "analytics_conversation_status",
      "analytics_meetings",
      "analytics_meetings_held",
      "analytics_agent_drafts",
      "analytics_qualifications",
    ];
    for (const table of tables) {
      const seen = await asUser(stranger, (tx) =>
        tx.query<{ n: number }>(`select count(*)::int as n from public.${table} where org_id = $1`, [orgId]),
      );
      expect(seen.rows[0]!.n, table).toBe(0);
      const others = await asUser(rep1, (tx) =>
        tx.query<{ n: number }>(
          `select count(*)::int as n from public.${table} where owner_id is not null and owner_id <> $1`,
          [rep1.id],
        ),
      );
      expect(others.rows[0]!.n, table).toBe(0);
    }
    // Summed over owners, the owner-free messages rollups are for those who see every lead only.
    for (const table of ["analytics_project_messages", "analytics_org_messages"]) {
      const count = async (who: typeof rep1) =>
        (
          await asUser(who, (tx) =>
            tx.query<{ n: number }>(`select count(*)::int as n from public.${table} where org_id = $1`, [orgId]),
          )
        ).rows[0]!.n;
      expect(await count(stranger), table).toBe(0);
      expect(await count(rep1), table).toBe(0);
      expect(await count(manager), table).toBeGreaterThan(0);
    }
  });
});
