import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { team } from "../api/http";
import {
  addSmsLine,
  drained,
  leadWritesTo,
  one,
  salesTemplate as sales,
  tasksOf,
  type Team,
} from "../approvals/harness";
import { createTestUser } from "../helpers";
import { mobile } from "../inbox/webhook-client";
import { startFakeCalendly, type FakeCalendly } from "./fake-calendly";

/**
 * A member's default Calendly event type (Settings → Preferences): listed from the organization's
 * Calendly connection (a local stand-in for Calendly), validated against that list, offered by
 * the AI agent in drafts for the member's leads (the offline provider), and a booking through it
 * attributed to the agent. A default Calendly no longer offers reads as none.
 */

const PICKER = "/api/v1/preferences/calendly-event-types";
const PREFERENCES = "/api/v1/preferences";
const FIELD = "integrations.calendly.defaultEventTypeUri";
const AGENT_LINK = "https://calendly.com/acme-solar/agent-sunny";
const REP_LINK = "https://calendly.com/fake-host/rep-demo";

let fake: FakeCalendly;
let t: Team;
let twilioNumber: string;
let agentId: string;
let repDemo: string;
let inactive: string;

beforeAll(async () => {
  // Before anything reads the environment (env() is read once per process).
  fake = await startFakeCalendly();
  process.env.CALENDLY_CLIENT_ID = fake.clientId;
  process.env.CALENDLY_CLIENT_SECRET = fake.clientSecret;
  process.env.CALENDLY_AUTH_BASE_URL = fake.url;
  process.env.CALENDLY_API_BASE_URL = fake.url;
  repDemo = `${fake.url}/event_types/REP-DEMO`;
  inactive = `${fake.url}/event_types/RETIRED`;
  fake.eventTypes = [
    { uri: repDemo, name: "Rep demo", scheduling_url: REP_LINK, duration: 45, active: true },
    {
      uri: inactive,
      name: "Retired",
      scheduling_url: "https://calendly.com/fake-host/retired",
      duration: 15,
      active: false,
    },
  ];
  t = await team();
  twilioNumber = await addSmsLine(t);
  const agent = await t.manager.browser.post("/api/v1/agents", {
    ...sales,
    name: "Sunny",
    language: "en",
    schedulingUrl: AGENT_LINK,
  });
  expect(agent.status, JSON.stringify(agent.body)).toBe(201);
  agentId = agent.body.agent.id;

  // The admin connects Calendly (the fake approves).
  const start = await t.admin.browser.get("/api/oauth/calendly/start");
  const authorize = new URL(start.headers.get("location")!);
  const code = fake.approve(authorize.searchParams.get("code_challenge")!, authorize.searchParams.get("redirect_uri")!);
  const callback = await t.admin.browser.get(
    `/api/oauth/calendly/callback?${new URLSearchParams({ state: authorize.searchParams.get("state")!, code })}`,
  );
  expect(new URL(callback.headers.get("location")!).searchParams.get("calendly")).toBe("connected");
});
afterAll(async () => {
  await settled();
  await fake.close();
  await closeDatabase();
});

/** The newest draft of a conversation. */
const newestDraft = async (conversationId: string) => {
  const tasks = (await tasksOf(conversationId)).filter((task) => task.kind === "message_approval");
  return tasks.at(-1)!;
};

describe("default Calendly event type", () => {
  it("a rep lists the active event types of the organization's Calendly, not the sandbox's", async () => {
    const response = await t.rep.browser.get(PICKER);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({
      source: "calendly",
      eventTypes: [{ uri: repDemo, name: "Rep demo", schedulingUrl: REP_LINK, durationMinutes: 45, sandbox: null }],
      listFailed: false,
      selected: null,
      unavailable: false,
    });
  });

  it("the kept list is readable by the organization's members only, though the connection row is the admins'", async () => {
    const outsider = await createTestUser();
    const read = (claims: Parameters<typeof withRls>[0]) =>
      withRls(claims, async (tx) => ({
        eventTypes: (await tx.query("select * from private.calendly_event_types($1)", [t.orgId])).rows,
        connection: (await tx.query("select id from public.integration_connections where org_id = $1", [t.orgId])).rows,
      }));
    const rep = await read({ sub: t.rep.userId, email: t.rep.email, role: "authenticated" });
    expect(rep.eventTypes).toEqual([
      expect.objectContaining({ connected: true, event_types: [expect.objectContaining({ uri: repDemo })] }),
    ]);
    expect(rep.connection).toEqual([]);
    expect((await read(outsider.claims)).eventTypes).toEqual([]);
  });

  it("an event type the organization's Calendly does not offer (inactive, the sandbox's, made up) is a 422 on the field", async () => {
    for (const uri of [
      inactive,
      "https://api.calendly.com/event_types/kiln-sandbox-intro-call",
      "https://calendly.example/x",
    ]) {
      const response = await t.rep.browser.patch(PREFERENCES, {
        integrations: { calendly: { defaultEventTypeUri: uri } },
      });
      expect(response.status, uri).toBe(422);
      expect(Object.keys(response.body.errors)).toEqual([FIELD]);
    }
    expect(
      (await t.rep.browser.get(PREFERENCES)).body.preferences.integrations.calendly.defaultEventTypeUri,
    ).toBeNull();
  });

  it("a draft for a lead the rep owns offers the rep's default event type instead of the agent's link, and a booking through it is the agent's", async () => {
    const chosen = await t.rep.browser.patch(PREFERENCES, {
      integrations: { calendly: { defaultEventTypeUri: repDemo } },
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body.preferences.integrations.calendly.defaultEventTypeUri).toBe(repDemo);
    expect((await t.rep.browser.get(PICKER)).body).toMatchObject({ selected: repDemo, unavailable: false });

    const from = mobile();
    const first = await leadWritesTo(t.orgId, twilioNumber, from, "Hello, I saw your solar offer.");
    const owned = await t.manager.browser.patch(`/api/v1/leads/${first.lead_id}`, {
      ownerId: t.rep.userId,
      email: `lead-${Date.now()}@example.com`,
    });
    expect(owned.status, JSON.stringify(owned.body)).toBe(200);

    await leadWritesTo(t.orgId, twilioNumber, from, "Can we book a meeting next week to talk about panels?");
    const draft = await newestDraft(first.id);
    expect(draft.payload.draft).toContain(REP_LINK);
    expect(draft.payload.draft).not.toContain(AGENT_LINK);
    expect(draft.payload.schedulingUrl).toBe(REP_LINK);

    const approved = await t.manager.browser.post(`/api/v1/approvals/${draft.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await drained();
    const booked = await t.admin.browser.post("/api/v1/integrations/calendly/simulate", { leadId: first.lead_id });
    expect(booked.status, JSON.stringify(booked.body)).toBeLessThan(300);
    await drained();
    const meeting = await one<{ agent_id: string | null }>(
      "select agent_id from public.meetings where lead_id = $1 order by created_at desc limit 1",
      [first.lead_id],
    );
    expect(meeting?.agent_id).toBe(agentId);
  });

  it("a default that Calendly no longer offers reads as none, and drafts offer the agent's link again", async () => {
    fake.eventTypes = fake.eventTypes.filter((type) => type.uri !== repDemo);
    const picker = await t.rep.browser.get(PICKER);
    expect(picker.body).toMatchObject({ source: "calendly", eventTypes: [], selected: null, unavailable: true });
    expect(
      (await t.rep.browser.get(PREFERENCES)).body.preferences.integrations.calendly.defaultEventTypeUri,
    ).toBeNull();

    const from = mobile();
    const first = await leadWritesTo(t.orgId, twilioNumber, from, "Hi there.");
    await t.manager.browser.patch(`/api/v1/leads/${first.lead_id}`, { ownerId: t.rep.userId });
    await leadWritesTo(t.orgId, twilioNumber, from, "Can we book a meeting next week?");
    const draft = await newestDraft(first.id);
    expect(draft.payload.draft).toContain(AGENT_LINK);
    expect(draft.payload.schedulingUrl).toBe(AGENT_LINK);
  });
});
