import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localProvider } from "@/lib/ai/providers/local";
import type { AiProvider, DraftRequest } from "@/lib/ai/types";
import { directScopeFor, getAnalyticsDirect } from "@/lib/analytics";
import type { AnalyticsQuery } from "@/lib/analytics/types";
import { draftReply } from "@/lib/approvals/draft";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { salesTemplate } from "../approvals/harness";
import { drained, leadSends, mailroom, one, outbound, rfc822, threadOf, uniqueAddress, type Mailroom } from "./mail";

/**
 * An automatic email on the lead's side (an out-of-office) counts as nothing: two
 * organizations play the same thread at the same instants, one with out-of-office replies in
 * it and one without, and the conversation's response metrics and the analytics come out the
 * same; the AI neither reads an out-of-office as the lead's words nor drops its draft when one
 * arrives meanwhile. Replies go to the email sandbox's outbox, in a folder of this file's own.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "kiln-automatic-metrics-"));
process.env.KILN_DATA_DIR = dataDir;

afterAll(async () => {
  await closeDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Played = { room: Mailroom; conversationId: string };

const BASE = new Date();
const hoursAgo = (hours: number) => new Date(BASE.getTime() - hours * 3_600_000);
const domainOf = (mailbox: string) => mailbox.split("@")[1]!;

const outOfOffice = (room: Mailroom, lead: string, id: string, inReplyTo: string) =>
  rfc822(
    {
      From: `Jana Novak <${lead}>`,
      To: room.mailbox,
      Subject: "Automatic reply: Heat pump for our bakery",
      "Message-ID": `<${id}>`,
      "In-Reply-To": `<${inReplyTo}>`,
      "Auto-Submitted": "auto-replied",
    },
    "I am out of the office until Monday and will read your message when I am back.",
  );

async function repReplies(room: Mailroom, conversationId: string, body: string): Promise<string> {
  const sent = await room.t.manager.browser.post(`/api/v1/conversations/${conversationId}/messages`, { body });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const id: string = sent.body.message.id;
  // The lead's answer threads by the Message-ID the reply gets when it is sent, after the request.
  for (let round = 0; round < 20 && !(await outbound(id))?.rfc_message_id; round++) await drained();
  expect((await outbound(id))!.rfc_message_id).toBe(`kiln.${id}@${domainOf(room.mailbox)}`);
  return id;
}

const messageIdOf = async (room: Mailroom, rfcMessageId: string) =>
  (await one<{ message_id: string }>(
    "select message_id from public.email_messages where org_id = $1 and rfc_message_id = $2",
    [room.t.orgId, rfcMessageId],
  ))!.message_id;

/**
 * The lead asks (5 h ago); with `automatic`, an out-of-office comes in between; a rep answers
 * (4 h ago: a response after 3600 s); with `automatic`, the lead's out-of-office answers that;
 * the rep writes again (3 h ago: a reply, no response); the lead asks again (2 h ago) and is
 * answered (1 h 30 ago: 1800 s). Every message is moved to its instant afterwards, the same in
 * both organizations.
 */
async function playThread(automatic: boolean): Promise<Played> {
  const room = await mailroom();
  const lead = uniqueAddress("jana.novak");
  const times = new Map<string, Date>();
  const asked = `asked-${lead}`;
  await leadSends(
    room,
    rfc822(
      {
        From: `Jana Novak <${lead}>`,
        To: room.mailbox,
        Subject: "Heat pump for our bakery",
        "Message-ID": `<${asked}>`,
      },
      "Could you size a heat pump for our bakery? About 400 m².",
    ),
  );
  const { conversation_id: conversationId } = (await threadOf(room, asked))!;
  times.set(await messageIdOf(room, asked), hoursAgo(5));
  if (automatic) {
    const early = `ooo-early-${lead}`;
    await leadSends(room, outOfOffice(room, lead, early, asked));
    times.set(await messageIdOf(room, early), hoursAgo(4 + 50 / 60));
  }
  const answer = await repReplies(room, conversationId, "Gladly: could you send last winter's gas bills?");
  times.set(answer, hoursAgo(4));
  if (automatic) {
    const late = `ooo-late-${lead}`;
    await leadSends(room, outOfOffice(room, lead, late, `kiln.${answer}@${domainOf(room.mailbox)}`));
    times.set(await messageIdOf(room, late), hoursAgo(3 + 59 / 60));
  }
  const nudge = await repReplies(room, conversationId, "And the floor plan, if you have one at hand.");
  times.set(nudge, hoursAgo(3));
  const again = `again-${lead}`;
  await leadSends(
    room,
    rfc822(
      {
        From: `Jana Novak <${lead}>`,
        To: room.mailbox,
        Subject: "Re: Heat pump for our bakery",
        "Message-ID": `<${again}>`,
        "In-Reply-To": `<kiln.${nudge}@${domainOf(room.mailbox)}>`,
      },
      "Bills and plan attached. When could you come by?",
    ),
  );
  expect((await threadOf(room, again))!.conversation_id).toBe(conversationId);
  times.set(await messageIdOf(room, again), hoursAgo(2));
  times.set(await repReplies(room, conversationId, "Thursday at ten?"), hoursAgo(1.5));

  await withService(async (tx) => {
    for (const [id, at] of times) await tx.query("update public.messages set created_at = $2 where id = $1", [id, at]);
  });
  const messages = await one<{ n: number }>(
    "select count(*)::int as n from public.messages where conversation_id = $1",
    [conversationId],
  );
  expect(messages!.n).toBe(automatic ? 7 : 5);
  return { room, conversationId };
}

async function analytics(played: Played): Promise<Json> {
  const response = await played.room.t.manager.browser.get("/api/v1/analytics?range=7d&tz=UTC&widget=conversations");
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

let withAutomatic: Played;
let without: Played;

beforeAll(async () => {
  withAutomatic = await playThread(true);
  without = await playThread(false);
});

describe("an out-of-office between the lead's message and a rep's reply counts as nothing", () => {
  it("the conversation's response metrics are those of the same thread without it", async () => {
    const metrics = async (played: Played) => {
      const response = await played.room.t.manager.browser.get(
        `/api/v1/conversations/${played.conversationId}/metrics`,
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.metrics;
    };
    const expected = {
      firstResponseSeconds: 3600,
      avgResponseSeconds: 2700,
      responses: 2,
      aiReplies: 0,
      humanReplies: 3,
      aiShare: 0,
      // The rep's first reply took the thread from the AI.
      takeovers: 1,
      waitingSince: null,
      waitingSeconds: null,
    };
    expect(await metrics(without)).toEqual(expected);
    expect(await metrics(withAutomatic)).toEqual(expected);
  });

  it("GET /api/v1/analytics counts the lead's messages and the first responses as without it, from the rollups and from the source tables alike", async () => {
    const [withIt, withoutIt] = [await analytics(withAutomatic), await analytics(without)];
    expect(withIt.conversations.current).toMatchObject({ inbound: 2, outbound: 3 });
    expect(withIt.conversations.current.firstResponseHuman).toEqual(expect.any(Number));
    expect(withIt.conversations).toEqual(withoutIt.conversations);

    const range = withIt.range;
    const query: AnalyticsQuery = {
      range: range.key,
      from: new Date(range.from),
      to: new Date(range.to),
      previousFrom: new Date(range.previousFrom),
      previousTo: new Date(range.previousTo),
      timeZone: range.timeZone,
      projectId: range.projectId,
      days: range.days,
    };
    const viewer = {
      userId: withAutomatic.room.t.manager.userId,
      orgId: withAutomatic.room.t.orgId,
      role: "manager" as const,
    };
    const direct = await withService(async (tx) =>
      getAnalyticsDirect(tx, query, await directScopeFor(tx, viewer), viewer),
    );
    expect(JSON.parse(JSON.stringify(direct.conversations))).toEqual(withIt.conversations);
  });

  it("rebuilding the rollups from the messages changes nothing", async () => {
    const before = await analytics(withAutomatic);
    await withService((tx) => tx.query("select private.analytics_activity_rebuild($1)", [withAutomatic.room.t.orgId]));
    expect((await analytics(withAutomatic)).conversations).toEqual(before.conversations);
  });
});

describe("the AI and automatic replies", () => {
  it("drafts from the lead's own words only, and an out-of-office arriving while it drafts does not drop the draft", async () => {
    const room = withAutomatic.room;
    const lead = uniqueAddress("milan.horvat");
    const asked = `asked-${lead}`;
    // No agent yet: the lead's email waits undrafted, as if its draft had not run yet.
    await leadSends(
      room,
      rfc822(
        { From: `Milan Horvat <${lead}>`, To: room.mailbox, Subject: "Solar for the barn", "Message-ID": `<${asked}>` },
        "What would panels on a 300 m² barn roof cost?",
      ),
    );
    await leadSends(room, outOfOffice(room, lead, `ooo-before-${lead}`, asked));
    const { conversation_id: conversationId } = (await threadOf(room, asked))!;
    const inboundMessageId = await messageIdOf(room, asked);
    const agent = await room.t.manager.browser.post("/api/v1/agents", { ...salesTemplate, name: "Vera" });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);

    const local = localProvider();
    let seen: DraftRequest | null = null;
    const provider: AiProvider = {
      name: local.name,
      model: local.model,
      async draft(request, options) {
        seen = request;
        await leadSends(room, outOfOffice(room, lead, `ooo-during-${lead}`, asked));
        return local.draft(request, options);
      },
    };
    const run = await draftReply({ orgId: room.t.orgId, conversationId, inboundMessageId, attempt: 1 }, { provider });
    expect(run.status).not.toBe("skipped");
    expect(seen!.history.map((turn) => [turn.direction, turn.body])).toEqual([
      ["inbound", "What would panels on a 300 m² barn roof cost?"],
    ]);
    const drafted = await one<{ n: number }>(
      "select count(*)::int as n from public.hil_tasks where inbound_message_id = $1 and kind = 'message_approval'",
      [inboundMessageId],
    );
    expect(drafted!.n).toBe(1);
  });
});
