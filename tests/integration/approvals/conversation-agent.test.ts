import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { team } from "../api/http";
import { mobile } from "../inbox/webhook-client";
import {
  addSmsLine,
  leadWritesTo,
  one,
  salesTemplate as sales,
  supportTemplate as support,
  type Team,
} from "./harness";

/**
 * The agent per conversation: a thread can name the agent that answers it (null follows the
 * organization's default). Signed Twilio webhooks, the drafting job as it runs in production,
 * the conversations and agents APIs, the offline AI provider, real RLS and triggers.
 */
afterAll(() => closeDatabase());

let t: Team;
let other: Team;
let twilioNumber: string;
let salesId: string;
let supportId: string;
let otherOrgAgentId: string;

const SUPPORT_QUESTION = "Could you describe in a bit more detail what you need help with?";

const leadWrites = (from: string, body: string) => leadWritesTo(t.orgId, twilioNumber, from, body);

/** The newest draft (or manual review) of a thread, with the agent that wrote it. */
const latestTask = (conversationId: string) =>
  one<{ id: string; kind: string; status: string; agent_id: string | null; payload: { draft?: string } }>(
    "select id, kind, status, agent_id, payload from public.hil_tasks where conversation_id = $1 order by created_at desc, id desc limit 1",
    [conversationId],
  );

const assign = (conversationId: string, assigneeId: string | null) =>
  withService((tx) =>
    tx.query("update public.conversations set assignee_id = $2 where id = $1", [conversationId, assigneeId]),
  );

beforeAll(async () => {
  [t, other] = await Promise.all([team(), team()]);
  twilioNumber = await addSmsLine(t);
  // Two active agents need the Pro plan.
  await withService((tx) => tx.query("update public.organizations set plan = 'pro' where id = $1", [t.orgId]));
  const created = await t.manager.browser.post("/api/v1/agents", { ...sales, name: "Sunny" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.agent).toMatchObject({ isDefault: true, active: true });
  salesId = created.body.agent.id;
  const helper = await t.manager.browser.post("/api/v1/agents", { ...support, name: "Dana" });
  expect(helper.status, JSON.stringify(helper.body)).toBe(201);
  expect(helper.body.agent).toMatchObject({ isDefault: false, active: true });
  supportId = helper.body.agent.id;
  const foreign = await other.manager.browser.post("/api/v1/agents", { ...support, name: "Elsewhere" });
  expect(foreign.status, JSON.stringify(foreign.body)).toBe(201);
  otherOrgAgentId = foreign.body.agent.id;
});

describe("the agent of a conversation", () => {
  it("drafts with the chosen agent; clearing the choice returns the thread to the default agent", async () => {
    const from = mobile();
    const conversation = await leadWrites(from, "Hi, is the installation team coming tomorrow?");
    const first = await latestTask(conversation.id);
    expect(first).toMatchObject({ kind: "message_approval", agent_id: salesId });

    const before = await t.rep.browser.get(`/api/v1/conversations/${conversation.id}`);
    expect(before.status).toBe(200);
    expect(before.body.conversation).toMatchObject({
      agentId: null,
      agent: { id: salesId, name: "Sunny", isDefault: true },
    });

    const chosen = await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: supportId });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    // The rest of the response is as before.
    expect(chosen.body.conversation).toMatchObject({
      id: conversation.id,
      agentId: supportId,
      agent: { id: supportId, name: "Dana", isDefault: false },
      mode: "ai",
      lead: { id: conversation.lead_id },
      channel: { address: twilioNumber },
    });
    expect(chosen.body.conversation.pendingDraft).toMatchObject({ taskId: first!.id });

    await leadWrites(from, "The inverter shows error 42 and the display stays dark.");
    const second = await latestTask(conversation.id);
    expect(second).toMatchObject({ kind: "message_approval", status: "pending", agent_id: supportId });
    expect(second!.payload.draft).toContain(SUPPORT_QUESTION);
    const queue = await t.manager.browser.get("/api/v1/approvals?status=pending");
    const listed = queue.body.tasks.find((task: { id: string }) => task.id === second!.id);
    expect(listed).toMatchObject({ agent: { id: supportId, name: "Dana" }, conversation: { id: conversation.id } });

    // The agents page counts the threads an agent answers.
    const agents = await t.rep.browser.get("/api/v1/agents");
    expect(agents.status).toBe(200);
    const byId = (id: string) => agents.body.agents.find((a: { id: string }) => a.id === id);
    expect(byId(supportId).stats).toMatchObject({ conversations: 1, drafts: 1 });
    expect(byId(salesId).stats.conversations).toBe(0);

    const cleared = await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: null });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.conversation).toMatchObject({ agentId: null, agent: { id: salesId, isDefault: true } });
    await leadWrites(from, "Also, could we talk about adding a battery?");
    expect(await latestTask(conversation.id)).toMatchObject({ kind: "message_approval", agent_id: salesId });
  });

  it("falls back to the default agent while the chosen one is inactive, and to nothing when the agent is deleted", async () => {
    const from = mobile();
    const conversation = await leadWrites(from, "Hello, my panels look dirty, is cleaning included?");
    expect(
      (await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: supportId })).status,
    ).toBe(200);

    const off = await t.manager.browser.patch(`/api/v1/agents/${supportId}`, { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const detail = await t.manager.browser.get(`/api/v1/conversations/${conversation.id}`);
    // The choice is kept; the default answers meanwhile.
    expect(detail.body.conversation).toMatchObject({ agentId: supportId, agent: { id: salesId, isDefault: true } });
    await leadWrites(from, "Hello? Anyone there?");
    expect(await latestTask(conversation.id)).toMatchObject({ kind: "message_approval", agent_id: salesId });

    // Choosing an inactive agent is refused (it would silently answer with the default).
    const inactive = await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: null });
    expect(inactive.status).toBe(200);
    const refused = await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: supportId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.agentId).toBeDefined();

    expect((await t.manager.browser.patch(`/api/v1/agents/${supportId}`, { active: true })).status).toBe(200);
    expect(
      (await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: supportId })).status,
    ).toBe(200);

    // Suggesting a reply uses the thread's agent too.
    const suggested = await t.manager.browser.post(`/api/v1/conversations/${conversation.id}/suggest`);
    expect(suggested.status, JSON.stringify(suggested.body)).toBe(200);
    expect(suggested.body.outcome.ok).toBe(true);
    expect(suggested.body.outcome.result.reply).toContain(SUPPORT_QUESTION);

    // A throwaway agent chosen, then deleted: the thread follows the default again.
    const temp = await t.manager.browser.post("/api/v1/agents", { ...support, name: "Temp", active: true });
    expect(temp.status, JSON.stringify(temp.body)).toBe(201);
    expect(
      (await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: temp.body.agent.id }))
        .status,
    ).toBe(200);
    const removed = await t.manager.browser.delete(`/api/v1/agents/${temp.body.agent.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBeLessThan(300);
    const after = await t.manager.browser.get(`/api/v1/conversations/${conversation.id}`);
    expect(after.body.conversation).toMatchObject({ agentId: null, agent: { id: salesId, isDefault: true } });
  });

  it("refuses an agent of another organization, an unknown agent and a malformed id with 422", async () => {
    const from = mobile();
    const conversation = await leadWrites(from, "Do you also install heat pumps?");
    for (const agentId of [otherOrgAgentId, crypto.randomUUID()]) {
      const refused = await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.errors).toEqual({ agentId: ["Choose an active agent of your organization."] });
    }
    const malformed = await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: "sunny" });
    expect([400, 422]).toContain(malformed.status);
    expect(malformed.body.errors.agentId).toBeDefined();
    expect(
      (await one<{ agent_id: string | null }>("select agent_id from public.conversations where id = $1", [
        conversation.id,
      ]))!.agent_id,
    ).toBeNull();

    // The other organization cannot point its threads at this one's agent either (and does not see this thread).
    const foreign = await other.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, {
      agentId: otherOrgAgentId,
    });
    expect(foreign.status).toBe(404);
  });

  it("lets managers and the thread's assignee choose the agent; a rep cannot change it in someone else's thread", async () => {
    const from = mobile();
    const conversation = await leadWrites(from, "We want a quote for a 10 kWp system.");

    // Unassigned: anyone who could take the thread may choose.
    const unassigned = await t.rep.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: supportId });
    expect(unassigned.status, JSON.stringify(unassigned.body)).toBe(200);
    expect(unassigned.body.conversation.agentId).toBe(supportId);

    await assign(conversation.id, t.manager.userId);
    const refused = await t.rep.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: null });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(
      (await one<{ agent_id: string | null }>("select agent_id from public.conversations where id = $1", [
        conversation.id,
      ]))!.agent_id,
    ).toBe(supportId);
    // Everything else a rep could do in the thread stays as it was.
    expect((await t.rep.browser.patch(`/api/v1/conversations/${conversation.id}`, { status: "pending" })).status).toBe(
      200,
    );
    // A no-op choice is not a change.
    expect((await t.rep.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: supportId })).status).toBe(
      200,
    );

    await assign(conversation.id, t.rep.userId);
    const own = await t.rep.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: null });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.conversation).toMatchObject({ agentId: null, agent: { id: salesId } });

    const manager = await t.manager.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: supportId });
    expect(manager.status, JSON.stringify(manager.body)).toBe(200);

    // Where reps only see their own threads, someone else's thread is not there at all.
    await assign(conversation.id, t.manager.userId);
    await withService((tx) =>
      tx.query(
        "update public.organizations set settings = settings || '{\"reps_see_own_leads_only\": true}'::jsonb where id = $1",
        [t.orgId],
      ),
    );
    try {
      expect((await t.rep.browser.patch(`/api/v1/conversations/${conversation.id}`, { agentId: null })).status).toBe(
        404,
      );
    } finally {
      await withService((tx) =>
        tx.query("update public.organizations set settings = settings - 'reps_see_own_leads_only' where id = $1", [
          t.orgId,
        ]),
      );
    }
  });
});
