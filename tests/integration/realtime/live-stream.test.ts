import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/stream/route";
import { closeDatabase } from "@/lib/db/client";
import { APP_ORIGIN, team, type Person } from "../api/http";
import { mobile } from "../inbox/webhook-client";

afterAll(() => closeDatabase());

/** Opens the event stream as `person` through the real route handler and collects what it sends. */
async function openStream(person: Person) {
  const abort = new AbortController();
  const cookie = `kiln_session=${person.browser.cookie("kiln_session")}`;
  const response = await GET(new Request(`${APP_ORIGIN}/api/v1/stream`, { headers: { cookie }, signal: abort.signal }));
  let text = "";
  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += new TextDecoder().decode(value);
    }
  })().catch(() => {});
  return {
    status: response.status,
    text: () => text,
    /** Resolves once the server ended the stream. */
    ended,
    stop: () => abort.abort(),
  };
}

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Resolves true when `promise` settles within `ms`, false otherwise. */
const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

let t: Awaited<ReturnType<typeof team>>;
let channelId: string;

/** A thread with a fresh lead owned by `person`, started (and so assigned) by them. */
async function conversationOf(person: Person): Promise<string> {
  const lead = await person.browser.post("/api/v1/leads", {
    name: `Lead of ${person.fullName}`,
    phone: mobile(),
    ownerId: person.userId,
  });
  expect(lead.status).toBe(201);
  const started = await person.browser.post("/api/v1/conversations", {
    leadId: lead.body.lead.id,
    channelId,
    medium: "sms",
  });
  expect(started.status).toBe(201);
  return started.body.conversation.id;
}

beforeAll(async () => {
  t = await team();
  const channel = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address: mobile(),
    capabilities: ["sms"],
    label: "Live stream test",
  });
  expect(channel.status).toBe(201);
  channelId = channel.body.channel.id;
  expect((await t.admin.browser.patch("/api/v1/organization", { repsSeeOwnLeadsOnly: true })).status).toBe(200);
});

describe("the live event stream", () => {
  it("a rep restricted to their own conversations does not receive ids of others' conversations over the stream", async () => {
    const managers = await conversationOf(t.manager);
    const reps = await conversationOf(t.rep);
    const repStream = await openStream(t.rep);
    const managerStream = await openStream(t.manager);
    expect(repStream.status).toBe(200);
    try {
      const hidden = await t.manager.browser.post(`/api/v1/conversations/${managers}/messages`, {
        body: "Only for the manager's eyes",
      });
      expect(hidden.status).toBe(201);
      const visible = await t.rep.browser.post(`/api/v1/conversations/${reps}/messages`, {
        body: "The rep's own thread",
      });
      expect(visible.status).toBe(201);

      // The manager hears both threads, so the manager's thread really was announced.
      await until(() => managerStream.text().includes(managers) && managerStream.text().includes(reps));
      // The rep's own thread was announced after the manager's: once it arrived, the other would have too.
      await until(() => repStream.text().includes(reps) && repStream.text().includes(visible.body.message.id));
      expect(repStream.text()).toContain("event: messages");
      expect(repStream.text()).not.toContain(managers);
      expect(repStream.text()).not.toContain(hidden.body.message.id);
    } finally {
      repStream.stop();
      managerStream.stop();
    }
  });

  it("a member removed from the organization has the stream closed within seconds, and reconnecting is refused", async () => {
    const crew = await team();
    const stream = await openStream(crew.rep);
    expect(stream.status).toBe(200);
    await until(() => stream.text().includes("event: ready"));

    expect((await crew.admin.browser.delete(`/api/v1/members/${crew.rep.userId}`)).status).toBeLessThan(300);
    expect(await within(stream.ended, 5_000)).toBe(true);

    const again = await openStream(crew.rep);
    expect(again.status).toBe(403);
  });

  it("a member whose role changes has the stream closed, so the reconnect runs with the new role", async () => {
    const crew = await team();
    const stream = await openStream(crew.manager);
    await until(() => stream.text().includes("event: ready"));

    expect((await crew.admin.browser.patch(`/api/v1/members/${crew.manager.userId}`, { role: "rep" })).status).toBe(
      200,
    );
    expect(await within(stream.ended, 5_000)).toBe(true);

    const again = await openStream(crew.manager);
    expect(again.status).toBe(200);
    again.stop();
  });

  it("refuses the event stream to a signed-in user who belongs to no organization", async () => {
    const crew = await team();
    const outsider = crew.rep;
    expect((await crew.admin.browser.delete(`/api/v1/members/${outsider.userId}`)).status).toBeLessThan(300);
    expect((await openStream(outsider)).status).toBe(403);
  });
});
