import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { team } from "../api/http";
import { mobile, postTwilio, twilioInbound } from "../inbox/webhook-client";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
let t: Team;
let number: string;

beforeAll(async () => {
  t = await team();
  number = mobile();
  const channel = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address: number,
    capabilities: ["sms", "whatsapp"],
    label: "Main line",
  });
  expect(channel.status, JSON.stringify(channel.body)).toBe(201);
});

/** A lead's SMS through the signed sandbox webhook, processed; answers its conversation's id. */
async function inbound(body: string, from = mobile(), params = twilioInbound(number, from, body)) {
  const response = await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", params);
  expect(response.status).toBe(200);
  await settled();
  return withService(async (tx) => {
    const { rows } = await tx.query<{ id: string; lead_id: string }>(
      "select c.id, c.lead_id from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1",
      [from],
    );
    return rows[0]!;
  });
}

const suggestionsOf = async (conversationId: string) =>
  (await t.rep.browser.get(`/api/v1/tasks/suggestions?conversationId=${conversationId}`)).body.suggestions as Json[];

describe("AI-proposed tasks", () => {
  it("'call me back on Tuesday at 10' becomes a suggestion the rep accepts with one click: a call task on the lead and thread", async () => {
    const conversation = await inbound("Thanks for the offer. Could you call me back on Tuesday at 10?");
    const [suggestion, ...more] = await suggestionsOf(conversation.id);
    expect(more).toEqual([]);
    expect(suggestion).toMatchObject({
      kind: "callback",
      leadId: conversation.lead_id,
      quote: "Could you call me back on Tuesday at 10?",
    });
    // Nobody holds the lead yet: read on UTC's wall clock.
    expect(new Date(suggestion.dueAt).getUTCDay()).toBe(2);
    expect(new Date(suggestion.dueAt).getUTCHours()).toBe(10);
    // A suggestion is not a task until accepted.
    expect((await t.rep.browser.get(`/api/v1/tasks?conversationId=${conversation.id}`)).body.tasks).toEqual([]);

    const accepted = await t.rep.browser.post(`/api/v1/tasks/suggestions/${suggestion.id}`, { decision: "accept" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.task).toMatchObject({
      category: "call",
      dueAt: suggestion.dueAt,
      assigneeId: t.rep.userId,
      leadId: conversation.lead_id,
      conversationId: conversation.id,
      notes: suggestion.quote,
    });
    expect(accepted.body.task.title).toMatch(/^Call back /);
    expect(await suggestionsOf(conversation.id)).toEqual([]);
    const again = await t.manager.browser.post(`/api/v1/tasks/suggestions/${suggestion.id}`, { decision: "accept" });
    expect(again.status).toBe(409);
  });

  it("German and Hebrew callback requests are proposed too, and a message without one is not", async () => {
    const german = await inbound("Guten Morgen, rufen Sie mich bitte Dienstag um 14 Uhr an.");
    const [de] = await suggestionsOf(german.id);
    expect(new Date(de.dueAt).getUTCDay()).toBe(2);
    expect(new Date(de.dueAt).getUTCHours()).toBe(14);

    const hebrew = await inbound("שלום, תתקשרו אליי ביום שלישי בבקשה");
    const [he] = await suggestionsOf(hebrew.id);
    expect(new Date(he.dueAt).getUTCDay()).toBe(2);

    const plain = await inbound("Thanks, the brochure arrived.");
    expect(await suggestionsOf(plain.id)).toEqual([]);
  });

  it("a retried delivery proposes once, and a dismissed suggestion leaves no task", async () => {
    const from = mobile();
    const params = twilioInbound(number, from, "Please ring me tomorrow at 9");
    const conversation = await inbound("", from, params);
    await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", params);
    await settled();
    const suggestions = await suggestionsOf(conversation.id);
    expect(suggestions).toHaveLength(1);
    const dismissed = await t.rep.browser.post(`/api/v1/tasks/suggestions/${suggestions[0].id}`, {
      decision: "dismiss",
    });
    expect(dismissed.status).toBe(204);
    expect(await suggestionsOf(conversation.id)).toEqual([]);
    expect((await t.rep.browser.get(`/api/v1/tasks?conversationId=${conversation.id}`)).body.tasks).toEqual([]);
  });
});
