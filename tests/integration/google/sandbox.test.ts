import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { googleAccessToken } from "@/lib/integrations/google/connection";
import { getGmailRaw, gmailHistoryId, listGmailMessages } from "@/lib/integrations/google/gmail-client";
import { answerSandboxGoogle } from "@/lib/integrations/google/sandbox/server";
import { Browser, team, type Person } from "../api/http";

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let bridge: Server;

/**
 * Kiln's server calls its sandbox Google over HTTP at APP_URL; here no server listens there, so a
 * local listener hands those calls to the same handler the route serves, under the same path
 * (GOOGLE_OAUTH_BASE_URL). The consent screen is the browser's, so the test opens it through the
 * route, with cookies.
 */
const PREFIX = "/api/sandbox/google";
async function startBridge(): Promise<string> {
  bridge = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const answer = await answerSandboxGoogle(
      new Request(`http://localhost:3000${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(Buffer.concat(chunks)),
      }),
      // Anything outside the prefix is what a client that lost the path asks for: Next answers 404.
      url.pathname.startsWith(`${PREFIX}/`) ? url.pathname.slice(PREFIX.length).split("/").filter(Boolean) : ["-"],
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => bridge.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(bridge.address() as AddressInfo).port}${PREFIX}`;
}

beforeAll(async () => {
  // Offline: no OAuth client, sandbox tools on (NODE_ENV=test is not production).
  delete process.env.GOOGLE_CLIENT_ID;
  delete process.env.GOOGLE_CLIENT_SECRET;
  delete process.env.KILN_SANDBOX;
  process.env.GOOGLE_OAUTH_BASE_URL = await startBridge();
  t = await team();
});
afterAll(async () => {
  await settled();
  await new Promise<void>((resolve) => bridge.close(() => resolve()));
  await closeDatabase();
});

/** Connect (or turn on parts): the start route, the sandbox consent screen as this person, the callback. */
async function connect(person: Person, parts: string) {
  const start = await person.browser.get(`/api/oauth/google/start?parts=${parts}`);
  expect(start.status, start.text).toBe(302);
  const consent = new URL(start.headers.get("location")!);
  expect(consent.pathname).toBe(`${PREFIX}/o/oauth2/v2/auth`);
  const approved = await person.browser.get(`${consent.pathname}${consent.search}`);
  expect(approved.status, approved.text).toBe(302);
  const back = new URL(approved.headers.get("location")!);
  expect(back.pathname).toBe("/api/oauth/google/callback");
  const done = await person.browser.get(`/api/oauth/google/callback${back.search}`);
  return Object.fromEntries(new URL(done.headers.get("location")!).searchParams);
}

const leads = [
  { name: "Ilse Marwitz", email: "ilse.marwitz@hofgut-sonnen.test" },
  { name: "Tomasz Wierzba", email: "t.wierzba@kalkwerk-nord.test" },
  { name: "Noor Haddad", email: "noor@haddad-bakery.test" },
];
const leadIds: Record<string, string> = {};

describe("the sandbox Google (no OAuth client on the server)", () => {
  it("is offered, labelled as the sandbox", async () => {
    const overview = await t.rep.browser.get("/api/v1/integrations/google");
    expect(overview.body).toMatchObject({ configured: true, sandbox: true, connection: null });
  });

  it("a rep connects through the usual flow: PKCE, state, code exchange, sealed tokens", async () => {
    for (const lead of leads) {
      const created = await t.rep.browser.post("/api/v1/leads", lead);
      expect(created.status, created.text).toBe(201);
      leadIds[lead.email] = created.body.lead?.id ?? created.body.id;
    }
    expect(await connect(t.rep, "calendar")).toEqual({ google: "connected" });
    const overview = await t.rep.browser.get("/api/v1/integrations/google");
    expect(overview.body.connection).toMatchObject({
      status: "connected",
      email: t.rep.email.toLowerCase(),
      parts: { calendar: { enabled: true, granted: true }, gmail: { enabled: false, granted: false } },
    });
    const [row] = await withService(
      async (tx) =>
        (
          await tx.query<{ access_token_sealed: string; refresh_token_sealed: string }>(
            "select access_token_sealed, refresh_token_sealed from public.google_connections where user_id = $1",
            [t.rep.userId],
          )
        ).rows,
    );
    expect(row!.access_token_sealed).not.toContain("kiln-sandbox");
    expect(row!.refresh_token_sealed).not.toContain("kiln-sandbox");
  });

  it("turning on Gmail asks the sandbox for its scopes alone and keeps Calendar (incremental authorization)", async () => {
    const switched = await t.rep.browser.patch("/api/v1/integrations/google", { gmail: true });
    expect(switched.status, switched.text).toBe(200);
    expect(switched.body.authorizeUrl).toBeTruthy();
    expect(await connect(t.rep, "gmail")).toEqual({ google: "connected" });
    const overview = await t.rep.browser.get("/api/v1/integrations/google");
    expect(overview.body.connection.parts).toEqual({
      gmail: { enabled: true, granted: true },
      calendar: { enabled: true, granted: true },
    });
  });

  it("Calendar sync now files the two meetings with leads, not the event without one, and a second sync adds nothing", async () => {
    const run = async () => {
      const response = await t.rep.browser.post("/api/v1/sync/calendar");
      expect(response.status, response.text).toBe(202);
      await settled();
      const jobs = await t.rep.browser.get("/api/v1/sync/jobs?target=calendar");
      return jobs.body.jobs.find((j: { id: string }) => j.id === response.body.jobId);
    };
    const first = await run();
    expect(first).toMatchObject({ status: "succeeded" });
    const meetings = await withService(
      async (tx) =>
        (
          await tx.query<{ lead_id: string; title: string; provider: string; starts_at: Date }>(
            "select lead_id, title, provider, starts_at from public.meetings where org_id = $1 and provider = 'google' order by starts_at",
            [t.orgId],
          )
        ).rows,
    );
    // The newest leads meet: an intro call with the newest, a site visit with the one before.
    expect(meetings.map((m) => [m.lead_id, m.title])).toEqual([
      [leadIds["noor@haddad-bakery.test"], "Intro call with Noor Haddad"],
      [leadIds["t.wierzba@kalkwerk-nord.test"], "Site visit: Tomasz Wierzba"],
    ]);
    for (const meeting of meetings) expect(meeting.starts_at.getTime()).toBeGreaterThan(Date.now());
    const second = await run();
    expect(second).toMatchObject({ status: "succeeded", counts: { created: 0, updated: 0 } });
  });

  it("the mailbox holds mail from leads, a thread with the rep's reply and a newsletter, read through Gmail's own client", async () => {
    const token = await googleAccessToken(t.orgId, t.rep.userId);
    expect(Number(await gmailHistoryId(token))).toBeGreaterThan(0);
    const page = await listGmailMessages(token, "newer_than:30d", null);
    expect(page.refs).toHaveLength(6);
    const messages = await Promise.all(page.refs.map((ref) => getGmailRaw(token, ref.id)));
    const sent = messages.filter((m) => m.labels.includes("SENT"));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.raw.toString()).toContain(`From: "${t.rep.email.split("@")[0]}" <${t.rep.email.toLowerCase()}>`);
    expect(new Set(messages.map((m) => m.threadId)).size).toBe(4);
    expect(messages.some((m) => m.raw.toString().includes("In-Reply-To:"))).toBe(true);
    // Deterministic: the same ids every time.
    expect((await listGmailMessages(token, "newer_than:30d", null)).refs).toEqual(page.refs);
  });

  it("a meeting Kiln writes into the calendar is answered as Google would, and kept nowhere", async () => {
    const token = await googleAccessToken(t.orgId, t.rep.userId);
    const events = `${process.env.GOOGLE_OAUTH_BASE_URL}/calendar/v3/calendars/primary/events`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const inserted = await fetch(events, {
      method: "POST",
      headers,
      body: JSON.stringify({ id: "kiln0meeting0a1", summary: "Roof check", start: {}, end: {} }),
    });
    expect(inserted.status).toBe(200);
    expect(await inserted.json()).toMatchObject({ id: "kiln0meeting0a1", status: "confirmed", summary: "Roof check" });
    expect((await fetch(`${events}/kiln0meeting0a1`, { method: "DELETE", headers })).status).toBe(204);
    const listed = await fetch(`${events}?singleEvents=true`, { headers });
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((e) => e.id)).not.toContain(
      "kiln0meeting0a1",
    );
  });

  it("answers only Kiln's own callback, and only tokens it issued", async () => {
    const start = await t.owner.browser.get("/api/oauth/google/start?parts=calendar");
    const consent = new URL(start.headers.get("location")!);
    consent.searchParams.set("redirect_uri", "https://attacker.example.test/callback");
    const elsewhere = await t.owner.browser.get(`/api/sandbox/google/o/oauth2/v2/auth${consent.search}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get("location")).toBeNull();

    const signedOut = await new Browser().get(
      `/api/sandbox/google/o/oauth2/v2/auth${new URL(start.headers.get("location")!).search}`,
    );
    expect(new URL(signedOut.headers.get("location")!).searchParams.get("error")).toBe("access_denied");

    for (const token of ["ya29.real-looking", "kiln-sandbox.access.e30.AAAA"]) {
      const api = await t.rep.browser.get("/api/sandbox/google/calendar/v3/calendars/primary/events", {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(api.status).toBe(401);
    }
  });

  it("disconnect revokes at the sandbox without warnings", async () => {
    const response = await t.rep.browser.delete("/api/v1/integrations/google");
    expect(response.status, response.text).toBe(200);
    expect(response.body.warnings).toEqual([]);
  });
});
