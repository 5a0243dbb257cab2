import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { getConversationMetrics, summarizeConversationMetrics } from "@/lib/inbox/metrics";
import { sweepResponseSlas } from "@/lib/inbox/sla";
import { stopJobQueue } from "@/lib/jobs/boss";
import { settled } from "@/lib/jobs/soon";
import { signUpPerson, team, type Person } from "../api/http";

afterAll(async () => {
  await settled();
  await stopJobQueue();
  await closeDatabase();
});

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let outsider: Person;
let channelId: string;

const claimsOf = (p: Person) => ({ sub: p.userId, email: p.email, role: "authenticated" as const });
const phone = () => `+4179${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

async function addChannel(orgId: string): Promise<string> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.channels (org_id, provider, address, capabilities, label) values ($1, 'twilio', $2, '{sms}', 'Main line') returning id`,
      [orgId, phone()],
    );
    return rows[0]!.id;
  });
}

async function addConversation(
  orgId: string,
  channel: string,
  opts: { lead: string; assigneeId?: string | null; mode?: "ai" | "human" },
): Promise<string> {
  return withService(async (tx) => {
    const { rows: leads } = await tx.query<{ id: string }>(
      "insert into public.leads (org_id, name, phone) values ($1, $2, $3) returning id",
      [orgId, opts.lead, phone()],
    );
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.conversations (org_id, lead_id, channel_id, medium, assignee_id, mode)
       values ($1, $2, $3, 'sms', $4, $5) returning id`,
      [orgId, leads[0]!.id, channel, opts.assigneeId ?? null, opts.mode ?? "ai"],
    );
    return rows[0]!.id;
  });
}

/** Messages written with their own times (oldest first), as webhooks and replies would. */
async function addMessages(
  orgId: string,
  conversationId: string,
  messages: { at: Date; from: "lead" | "agent" | "user"; userId?: string }[],
): Promise<void> {
  await withService(async (tx) => {
    for (const m of messages)
      await tx.query(
        `insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id, created_at)
         values ($1, $2, $3, 'hello', $4, 'sandbox', $5, $6, $7)`,
        [
          orgId,
          conversationId,
          m.from === "lead" ? "inbound" : "outbound",
          m.from === "lead" ? "received" : "sent",
          m.from,
          m.userId ?? null,
          m.at,
        ],
      );
  });
}

async function conversationRow(id: string) {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ assignee_id: string | null; status: string; mode: string; tags: number }>(
      `select assignee_id, status, mode,
              (select count(*)::int from public.conversation_tag_links l where l.conversation_id = c.id) as tags
         from public.conversations c where id = $1`,
      [id],
    );
    return rows[0]!;
  });
}

beforeAll(async () => {
  t = await team();
  outsider = await signUpPerson({ prefix: "outsider" });
  channelId = await addChannel(t.orgId);
});

describe("conversation tags", () => {
  it("a manager creates a tag; its name is unique per organization whatever its case", async () => {
    const created = await t.manager.browser.post("/api/v1/conversation-tags", { name: "Pricing", color: "blue" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const again = await t.admin.browser.post("/api/v1/conversation-tags", { name: " pricing ", color: "red" });
    expect(again.status).toBe(409);
    expect(again.errors?.name).toBeDefined();
  });

  it("a rep can read the tags but cannot create, rename or delete one", async () => {
    const list = await t.rep.browser.get("/api/v1/conversation-tags");
    expect(list.status).toBe(200);
    const tag = list.body.tags.find((x: { name: string }) => x.name === "Pricing");
    expect(tag).toBeDefined();
    expect((await t.rep.browser.post("/api/v1/conversation-tags", { name: "Mine", color: "green" })).status).toBe(403);
    expect(
      (await t.rep.browser.patch(`/api/v1/conversation-tags/${tag.id}`, { name: "X", color: "green" })).status,
    ).toBe(403);
    expect((await t.rep.browser.delete(`/api/v1/conversation-tags/${tag.id}`)).status).toBe(403);
  });

  it("another organization neither sees the tags nor can tag its own conversations with them", async () => {
    const list = await outsider.browser.get("/api/v1/conversation-tags");
    expect(list.body.tags).toEqual([]);
    const tag = (await t.manager.browser.get("/api/v1/conversation-tags")).body.tags[0];
    const theirChannel = await addChannel(outsider.orgId);
    const theirs = await addConversation(outsider.orgId, theirChannel, { lead: "Outsider lead" });
    const response = await outsider.browser.post("/api/v1/conversations/bulk", {
      action: "add_tags",
      conversationIds: [theirs],
      tagIds: [tag.id],
    });
    expect(response.status).toBe(422);
    expect((await conversationRow(theirs)).tags).toBe(0);
  });
});

describe("bulk actions on conversations", () => {
  it("a manager tags and assigns several conversations in one action each, with one audit entry per conversation", async () => {
    const ids = [
      await addConversation(t.orgId, channelId, { lead: "Bulk one" }),
      await addConversation(t.orgId, channelId, { lead: "Bulk two" }),
    ];
    const tag = (await t.manager.browser.post("/api/v1/conversation-tags", { name: "Bulk", color: "teal" })).body.tag;
    const tagged = await t.manager.browser.post("/api/v1/conversations/bulk", {
      action: "add_tags",
      conversationIds: ids,
      tagIds: [tag.id],
    });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    const assigned = await t.manager.browser.post("/api/v1/conversations/bulk", {
      action: "assign",
      conversationIds: ids,
      assigneeId: t.rep.userId,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    for (const id of ids) expect(await conversationRow(id)).toMatchObject({ assignee_id: t.rep.userId, tags: 1 });

    const filtered = await t.manager.browser.get(`/api/v1/conversations?status=all&tags=${tag.id}`);
    expect(filtered.body.conversations.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
    expect(filtered.body.conversations[0].tags).toEqual([{ id: tag.id, name: "Bulk", color: "teal" }]);

    const audit = await withService((tx) =>
      tx.query<{ action: string; target_id: string }>(
        "select action, target_id from public.audit_log where org_id = $1 and target_id = any($2::text[]) order by action, target_id",
        [t.orgId, ids],
      ),
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      "conversation.bulk_add_tags",
      "conversation.bulk_add_tags",
      "conversation.bulk_assign",
      "conversation.bulk_assign",
    ]);
  });

  it("changes nothing when one conversation refuses, and the problem names that conversation's lead", async () => {
    const open1 = await addConversation(t.orgId, channelId, { lead: "Free one" });
    const open2 = await addConversation(t.orgId, channelId, { lead: "Free two" });
    const managers = await addConversation(t.orgId, channelId, {
      lead: "Manager's lead",
      assigneeId: t.manager.userId,
    });
    // A rep may take unassigned threads but not one assigned to someone else.
    const response = await t.rep.browser.post("/api/v1/conversations/bulk", {
      action: "assign",
      conversationIds: [open1, open2, managers],
      assigneeId: t.rep.userId,
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe("bulk_refused");
    expect(response.body.detail).toContain("Manager's lead");
    expect(Object.keys(response.errors ?? {})).toEqual(["conversationIds.2"]);
    expect((await conversationRow(open1)).assignee_id).toBeNull();
    expect((await conversationRow(open2)).assignee_id).toBeNull();
    const audit = await withService((tx) =>
      tx.query("select 1 from public.audit_log where target_id = any($1::text[])", [[open1, open2, managers]]),
    );
    expect(audit.rows).toHaveLength(0);
  });

  it("changes nothing when a selected conversation belongs to another organization", async () => {
    const ours = await addConversation(t.orgId, channelId, { lead: "Ours" });
    const theirChannel = await addChannel(outsider.orgId);
    const theirs = await addConversation(outsider.orgId, theirChannel, { lead: "Theirs" });
    const response = await t.owner.browser.post("/api/v1/conversations/bulk", {
      action: "status",
      conversationIds: [ours, theirs],
      status: "closed",
    });
    expect(response.status).toBe(404);
    expect(Object.keys(response.errors ?? {})).toEqual(["conversationIds.1"]);
    expect((await conversationRow(ours)).status).toBe("open");
    expect((await conversationRow(theirs)).status).toBe("open");
  });

  it("takes over and returns to the AI in bulk through the single-thread rules, counting takeovers", async () => {
    const ids = [
      await addConversation(t.orgId, channelId, { lead: "AI one", mode: "ai" }),
      await addConversation(t.orgId, channelId, { lead: "AI two", mode: "ai" }),
    ];
    const taken = await t.manager.browser.post("/api/v1/conversations/bulk", {
      action: "take_over",
      conversationIds: ids,
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    // An unassigned thread taken over becomes the person's, as with the thread's button.
    for (const id of ids)
      expect(await conversationRow(id)).toMatchObject({ mode: "human", assignee_id: t.manager.userId });
    const back = await t.manager.browser.post("/api/v1/conversations/bulk", {
      action: "return_to_ai",
      conversationIds: ids,
    });
    expect(back.status).toBe(200);
    await t.manager.browser.post("/api/v1/conversations/bulk", { action: "take_over", conversationIds: ids });
    const metrics = await t.manager.browser.get(`/api/v1/conversations/${ids[0]}/metrics`);
    expect(metrics.body.metrics.takeovers).toBe(2);
  });

  it("leaves one audit entry per change made on a single thread too", async () => {
    const id = await addConversation(t.orgId, channelId, { lead: "Single thread", mode: "ai" });
    const changed = await t.manager.browser.patch(`/api/v1/conversations/${id}`, {
      status: "pending",
      assigneeId: t.rep.userId,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await t.manager.browser.post(`/api/v1/conversations/${id}/takeover`, {})).status).toBe(200);
    expect((await t.manager.browser.post(`/api/v1/conversations/${id}/return-to-ai`, {})).status).toBe(200);
    const audit = await withService((tx) =>
      tx.query<{ action: string; actor_id: string; metadata: Record<string, unknown> }>(
        "select action, actor_id, metadata from public.audit_log where org_id = $1 and target_id = $2 order by created_at, id",
        [t.orgId, id],
      ),
    );
    expect(audit.rows).toEqual([
      {
        action: "conversation.updated",
        actor_id: t.manager.userId,
        metadata: { status: "pending", assigneeId: t.rep.userId },
      },
      { action: "conversation.take_over", actor_id: t.manager.userId, metadata: { mode: "human" } },
      { action: "conversation.return_to_ai", actor_id: t.manager.userId, metadata: { mode: "ai" } },
    ]);
  });
});

describe("per-conversation metrics", () => {
  it("computes first and average response time, AI share, takeovers and the current wait from the messages", async () => {
    const id = await addConversation(t.orgId, channelId, { lead: "Metrics lead", assigneeId: t.rep.userId });
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 10, minutes));
    await addMessages(t.orgId, id, [
      { at: at(0), from: "lead" },
      { at: at(2), from: "lead" },
      { at: at(5), from: "agent" }, // answers the run started at 10:00: 300 s
      { at: at(10), from: "lead" },
      { at: at(20), from: "user", userId: t.rep.userId }, // 600 s
      { at: at(21), from: "user", userId: t.rep.userId }, // a reply, not a response
      { at: at(30), from: "lead" }, // waiting since 10:30
    ]);
    const metrics = await withRls(claimsOf(t.rep), (tx) => getConversationMetrics(tx, t.orgId, id, at(40)));
    expect(metrics).toEqual({
      firstResponseSeconds: 300,
      avgResponseSeconds: 450,
      responses: 2,
      aiReplies: 1,
      humanReplies: 2,
      aiShare: 1 / 3,
      takeovers: 0,
      waitingSince: at(30).toISOString(),
      waitingSeconds: 600,
    });
    const summary = await withRls(claimsOf(t.owner), (tx) =>
      summarizeConversationMetrics(tx, t.orgId, { from: new Date(0), to: new Date(Date.now() + 3_600_000) }),
    );
    expect(summary.conversations).toBeGreaterThanOrEqual(1);
    expect(summary.aiReplies).toBeGreaterThanOrEqual(1);
  });

  it("another organization cannot read a conversation's metrics", async () => {
    const id = await addConversation(t.orgId, channelId, { lead: "Private metrics" });
    expect((await outsider.browser.get(`/api/v1/conversations/${id}/metrics`)).status).toBe(404);
  });
});

describe("response-time SLA", () => {
  const breaches = (conversationId: string) =>
    withService(async (tx) => {
      const { rows } = await tx.query<{ user_id: string }>(
        `select user_id from public.notifications
          where kind = 'response_sla_breached' and metadata ->> 'conversationId' = $1 order by created_at, user_id`,
        [conversationId],
      );
      return rows.map((r) => r.user_id);
    });

  beforeAll(async () => {
    const everyDay = Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, { start: "00:00", end: "23:59" }]),
    );
    const saved = await t.admin.browser.put("/api/v1/settings/response-times", {
      timeZone: "Europe/Zurich",
      workingHours: everyDay,
      targets: [{ channelId, targetMinutes: 30 }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  });

  it("only admins and owners change response times", async () => {
    const response = await t.manager.browser.put("/api/v1/settings/response-times", {
      timeZone: "UTC",
      workingHours: {},
      targets: [],
    });
    expect(response.status).toBe(403);
  });

  it("notifies the assignee once per wait, and again only after a reply and a new message from the lead", async () => {
    const id = await addConversation(t.orgId, channelId, { lead: "Waiting lead", assigneeId: t.rep.userId });
    const now = Date.now();
    await addMessages(t.orgId, id, [{ at: new Date(now - 2 * 3_600_000), from: "lead" }]);
    await sweepResponseSlas(new Date(now));
    await sweepResponseSlas(new Date(now + 60_000));
    expect(await breaches(id)).toEqual([t.rep.userId]);
    const listed = await t.rep.browser.get("/api/v1/conversations?status=all&assigned=me");
    expect(listed.body.conversations.find((c: { id: string }) => c.id === id).slaBreachedAt).not.toBeNull();

    await addMessages(t.orgId, id, [{ at: new Date(now - 3_600_000 + 1), from: "user", userId: t.rep.userId }]);
    await addMessages(t.orgId, id, [{ at: new Date(now - 3_600_000 + 2), from: "lead" }]);
    await sweepResponseSlas(new Date(now + 120_000));
    expect(await breaches(id)).toEqual([t.rep.userId, t.rep.userId]);
  });

  it("notifies the managers, admins and owners when nobody is assigned, and nobody inside the target", async () => {
    const late = await addConversation(t.orgId, channelId, { lead: "Unassigned late" });
    const fresh = await addConversation(t.orgId, channelId, { lead: "Fresh" });
    const now = Date.now();
    await addMessages(t.orgId, late, [{ at: new Date(now - 3_600_000), from: "lead" }]);
    await addMessages(t.orgId, fresh, [{ at: new Date(now - 10 * 60_000), from: "lead" }]);
    await sweepResponseSlas(new Date(now));
    expect(await breaches(late)).toEqual([t.owner.userId, t.admin.userId, t.manager.userId].sort());
    expect(await breaches(fresh)).toEqual([]);
  });
});
