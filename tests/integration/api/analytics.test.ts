/**
 * GET /api/v1/analytics: the documented shape for every range, validation as problem+json,
 * each widget's CSV equal to its JSON, the project filter, what a restricted rep sees, and
 * that another organization's numbers never show. The same numbers as the direct aggregates
 * over the source tables (the rollups' own correctness tests live with the rollups).
 */
import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directScopeFor, getAnalyticsDirect } from "@/lib/analytics";
import { widgetTable } from "@/lib/analytics/csv";
import { HEAT_LEVELS, WIDGETS, type AnalyticsQuery, type HeatCounts, type WidgetName } from "@/lib/analytics/types";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { Browser, invite, signUpPerson, team, type Person } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const run = randomUUID().slice(0, 8);
let counter = 0;

async function newLead(browser: Browser, body: Record<string, unknown> = {}): Promise<Json> {
  const response = await browser.post("/api/v1/leads", {
    name: `Lead ${++counter}`,
    email: `lead-${run}-${counter}@analytics.test`,
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.lead;
}

async function analytics(browser: Browser, query = ""): Promise<Json> {
  const response = await browser.get(`/api/v1/analytics${query ? `?${query}` : ""}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

const sum = (counts: HeatCounts) => HEAT_LEVELS.reduce((n, level) => n + counts[level], 0);

/** Live leads the browser can list, per heat level (every page). */
async function listedHeat(browser: Browser, filter = ""): Promise<HeatCounts> {
  const counts: HeatCounts = { cold: 0, warm: 0, hot: 0, burning: 0 };
  let cursor: string | null = null;
  do {
    const page: Json = await browser.get(`/api/v1/leads?limit=100${filter}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status).toBe(200);
    for (const lead of page.body.leads) counts[lead.heatLevel as keyof HeatCounts] += 1;
    cursor = page.body.nextCursor;
  } while (cursor);
  return counts;
}

/** The query a response answered, to ask the direct aggregates the very same thing. */
const queryOf = (range: Json): AnalyticsQuery => ({
  range: range.key,
  from: new Date(range.from),
  to: new Date(range.to),
  previousFrom: new Date(range.previousFrom),
  previousTo: new Date(range.previousTo),
  timeZone: range.timeZone,
  projectId: range.projectId,
  days: range.days,
});

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
const isRate = (n: unknown) => n === null || (typeof n === "number" && n >= 0 && n <= 1);
const isSeconds = (n: unknown) => n === null || (typeof n === "number" && n >= 0);
const isHeat = (h: Json) => HEAT_LEVELS.every((level) => isCount(h[level]));

/** Every documented field of every widget, with its type (docs/api/analytics.md). */
function expectDocumentedShape(body: Json) {
  expect(Object.keys(body).sort()).toEqual(["generatedAt", "range", ...WIDGETS].sort());
  expect(Object.keys(body.range).sort()).toEqual(
    ["days", "from", "key", "previousFrom", "previousTo", "projectId", "timeZone", "to"].sort(),
  );
  expect(isHeat(body.heat.now) && isHeat(body.heat.atStart)).toBe(true);
  for (const period of ["current", "previous"])
    expect(Object.values(body.pipeline[period]).every(isCount) && Object.keys(body.pipeline[period]).length === 9).toBe(
      true,
    );
  expect(body.progression.days.map((d: Json) => d.day)).toEqual(body.range.days);
  expect(body.progression.days.every(isHeat)).toBe(true);
  expect(isSeconds(body.progression.medianSecondsToHot.current)).toBe(true);
  expect(isSeconds(body.progression.medianSecondsToHot.previous)).toBe(true);
  for (const period of ["current", "previous"]) {
    expect(Object.keys(body.meetings[period]).sort()).toEqual(
      ["booked", "bookedOtherwise", "canceled", "fromAgentLink", "held", "noShow", "qualified"].sort(),
    );
    expect(Object.values(body.meetings[period]).every(isCount)).toBe(true);
    const c = body.conversations[period];
    expect(isCount(c.inbound) && isCount(c.outbound)).toBe(true);
    expect(isSeconds(c.firstResponseAi) && isSeconds(c.firstResponseHuman) && isRate(c.takeoverRate)).toBe(true);
  }
  expect(body.conversations.days.map((d: Json) => d.day)).toEqual(body.range.days);
  for (const d of body.conversations.days)
    expect([...Object.values(d.inbound), ...Object.values(d.outbound)].every(isCount)).toBe(true);
  expect(Object.keys(body.conversations.status).sort()).toEqual(["closed", "open", "pending"]);
  for (const row of body.agents.rows) {
    expect(typeof row.agentId === "string" && typeof row.name === "string").toBe(true);
    expect(isRate(row.approvalRate) && isSeconds(row.avgEditDistance)).toBe(true);
    for (const key of ["drafts", "approved", "edited", "rejected", "meetingsBooked", "leadsQualified"])
      expect(isCount(row[key]), key).toBe(true);
  }
  for (const row of body.team.rows) {
    expect(typeof row.userId === "string" && typeof row.name === "string").toBe(true);
    expect(isHeat(row.leads) && row.leads.total === sum(row.leads)).toBe(true);
    expect(isCount(row.repliesSent) && isCount(row.meetingsHeld)).toBe(true);
  }
}

/**
 * The API's answer equals the direct aggregates', except that medians come from the rollups'
 * histograms (bins about 2% wide: within 2% of the duration plus a minute).
 */
function expectSameNumbers(api: Json, direct: Json) {
  const medians = (a: Json) => [
    a.progression.medianSecondsToHot.current,
    a.progression.medianSecondsToHot.previous,
    ...["current", "previous"].flatMap((p) => [
      a.conversations[p].firstResponseAi,
      a.conversations[p].firstResponseHuman,
    ]),
  ];
  const [fromApi, fromSource] = [medians(api), medians(direct)];
  fromSource.forEach((exact: number | null, i: number) => {
    if (exact === null) expect(fromApi[i]).toBeNull();
    else expect(Math.abs(fromApi[i] - exact)).toBeLessThanOrEqual(0.02 * (exact + 60));
  });
  const rest = (a: Json) => {
    const { generatedAt: _generated, ...copy } = structuredClone(a);
    copy.progression.medianSecondsToHot = null;
    for (const p of ["current", "previous"])
      Object.assign(copy.conversations[p], { firstResponseAi: null, firstResponseHuman: null });
    return copy;
  };
  expect(rest(api)).toEqual(rest(direct));
}

describe("GET /api/v1/analytics", () => {
  let t: Team;
  let other: Person;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    t = await team();
    other = await signUpPerson({ prefix: "analytics-other" });
    projectId = (await t.manager.browser.post("/api/v1/projects", { name: `Roofs ${run}` })).body.project.id;
    otherProjectId = (await other.browser.post("/api/v1/projects", { name: `Theirs ${run}` })).body.project.id;

    const repsLead = await newLead(t.rep.browser, { ownerId: t.rep.userId, projectId });
    await newLead(t.rep.browser, { ownerId: t.rep.userId });
    const managers = await newLead(t.manager.browser, { ownerId: t.manager.userId, projectId });
    await newLead(t.manager.browser, { ownerId: t.manager.userId });
    await newLead(t.owner.browser); // unassigned
    await t.manager.browser.post(`/api/v1/leads/${managers.id}/heat`, { level: "burning", reason: "Trade fair" });
    await t.manager.browser.post(`/api/v1/leads/${repsLead.id}/heat`, { level: "hot", reason: "Called back" });
    await t.manager.browser.patch(`/api/v1/leads/${repsLead.id}/bant`, {
      budget: { status: "confirmed", value: "CHF 10k" },
      authority: { status: "confirmed", value: "Owner" },
      need: { status: "confirmed", value: "PV" },
      timeline: { status: "confirmed", value: "Q3" },
    });
    // A message in from an unknown number (a new lead and a conversation) and a booked meeting.
    const channel = await t.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: `+4179${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`,
      capabilities: ["sms"],
      label: "Analytics line",
    });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
    const channelId = channel.body.channel?.id ?? channel.body.id;
    const inbound = await t.admin.browser.post(`/api/v1/channels/${channelId}/simulate`, {
      from: "+41791112233",
      body: "An offer?",
    });
    expect(inbound.status, JSON.stringify(inbound.body)).toBeLessThan(300);
    const booking = await t.admin.browser.post("/api/v1/integrations/calendly/simulate", { leadId: managers.id });
    expect(booking.status, JSON.stringify(booking.body)).toBe(202);

    // The other organization has leads of its own, one of them burning.
    const theirs = await newLead(other.browser, { ownerId: other.userId, projectId: otherProjectId });
    await other.browser.post(`/api/v1/leads/${theirs.id}/heat`, { level: "burning", reason: "Theirs" });
    await newLead(other.browser);
    for (let round = 0; round < 4; round++) await settled();
  });

  describe("the documented shape", () => {
    it.each([
      ["range=24h", "24h"],
      ["range=7d", "7d"],
      ["range=30d", "30d"],
      ["range=90d", "90d"],
      ["range=custom&from=2026-01-01&to=2026-01-31", "custom"],
      ["", "30d"],
    ])("?%s answers every widget for range %s", async (query, key) => {
      const body = await analytics(t.manager.browser, query);
      expectDocumentedShape(body);
      expect(body.range.key).toBe(key);
      const days = { "7d": 7, "30d": 30, "90d": 90, custom: 31 }[key as string];
      if (days) expect(body.range.days).toHaveLength(days);
      else expect(body.range.days.length).toBeGreaterThanOrEqual(1);
      expect(Date.parse(body.range.previousTo)).toBeLessThanOrEqual(Date.parse(body.range.from));
    });

    it("uses the user's time zone from their notification settings, else UTC, unless tz= names one", async () => {
      expect((await analytics(t.rep.browser, "range=7d")).range.timeZone).toBe("UTC");
      const settings = await t.rep.browser.get("/api/v1/notification-settings");
      const saved = await t.rep.browser.put("/api/v1/notification-settings", {
        ...settings.body.settings,
        timezone: "America/New_York",
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect((await analytics(t.rep.browser, "range=7d")).range.timeZone).toBe("America/New_York");
      const zurich = await analytics(t.rep.browser, "range=custom&from=2026-03-29&to=2026-03-29&tz=Europe/Zurich");
      expect(zurich.range).toMatchObject({
        timeZone: "Europe/Zurich",
        from: "2026-03-28T23:00:00.000Z",
        to: "2026-03-29T22:00:00.000Z",
        days: ["2026-03-29"],
      });
    });

    it("answers only the widgets named in widget=", async () => {
      const body = await analytics(t.manager.browser, "widget=heat,team");
      expect(Object.keys(body).sort()).toEqual(["generatedAt", "heat", "range", "team"]);
    });

    it("counts what the manager can list, with every member in the team (zeros included)", async () => {
      const body = await analytics(t.manager.browser, "range=7d");
      expect(body.heat.now).toEqual(await listedHeat(t.manager.browser));
      expect(body.team.rows.map((r: Json) => r.userId).sort()).toEqual(
        [t.owner.userId, t.admin.userId, t.manager.userId, t.rep.userId].sort(),
      );
      const owner = body.team.rows.find((r: Json) => r.userId === t.owner.userId);
      expect(owner.leads).toEqual({ cold: 0, warm: 0, hot: 0, burning: 0, total: 0 });
      const manager = body.team.rows.find((r: Json) => r.userId === t.manager.userId);
      expect(manager).toMatchObject({ leads: { burning: 1, total: 2 } });
    });

    it("gives the same numbers as the direct aggregates over the source tables", async () => {
      const body = await analytics(t.manager.browser, "range=30d");
      expect(body.meetings.current.booked).toBeGreaterThanOrEqual(1);
      expect(body.conversations.current.inbound).toBeGreaterThanOrEqual(1);
      const viewer = { userId: t.manager.userId, orgId: t.orgId, role: "manager" as const };
      const direct = await withService(async (tx) =>
        getAnalyticsDirect(tx, queryOf(body.range), await directScopeFor(tx, viewer), viewer),
      );
      expectSameNumbers(body, JSON.parse(JSON.stringify(direct)));
    });
  });

  describe("bad input", () => {
    it.each([
      ["range=1y", ["range"]],
      ["range=custom&from=2026-01-01", ["to"]],
      ["from=2026-02-01&to=2026-01-01", ["to"]],
      ["from=2024-01-01&to=2026-01-01", ["to"]],
      ["range=7d&tz=Nowhere/Atlantis", ["tz"]],
      ["widget=heat,weather", ["widget.1"]],
      ["format=csv", ["widget"]],
      ["project=not-a-uuid", ["project"]],
    ])("?%s is a 422 problem naming %j", async (query, fields) => {
      const response = await t.manager.browser.get(`/api/v1/analytics?${query}`);
      expect(response.status).toBe(422);
      expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(Object.keys(response.errors ?? {}).sort()).toEqual(fields);
    });

    it("an unknown project, or another organization's, is a 404 problem", async () => {
      for (const id of [randomUUID(), otherProjectId]) {
        const response = await t.manager.browser.get(`/api/v1/analytics?project=${id}`);
        expect(response.status).toBe(404);
        expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
      }
    });

    it("signed out is a 401 problem", async () => {
      const response = await new Browser().get("/api/v1/analytics?range=7d");
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    });
  });

  describe("CSV", () => {
    it.each(WIDGETS)("?format=csv&widget=%s parses back to the widget's JSON", async (widget: WidgetName) => {
      const query = `range=custom&from=2026-01-01&to=2026-12-31&tz=Europe/Zurich&widget=${widget}`;
      const json = await analytics(t.manager.browser, query);
      const response = await t.manager.browser.get(`/api/v1/analytics?${query}&format=csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="kiln-${widget}-custom-2026-01-01_2026-12-31.csv"`,
      );
      const parsed = Papa.parse<string[]>(response.text.trim()).data;
      const table = widgetTable(widget, json);
      const asText = (cell: unknown) => (cell === null || cell === undefined ? "" : String(cell));
      expect(parsed).toEqual([table.fields, ...table.rows.map((row) => row.map(asText))]);
    });
  });

  describe("filters and visibility", () => {
    it("project= counts only that project's leads", async () => {
      const body = await analytics(t.manager.browser, `project=${projectId}`);
      expect(body.range.projectId).toBe(projectId);
      expect(body.heat.now).toEqual(await listedHeat(t.manager.browser, `&project=${projectId}`));
      expect(sum(body.heat.now)).toBe(2);
    });

    it("a rep where reps see only their own leads: their own team row, and the heat they can list", async () => {
      const patched = await t.owner.browser.patch("/api/v1/organization", { repsSeeOwnLeadsOnly: true });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      try {
        const body = await analytics(t.rep.browser, "range=30d");
        expect(body.team.rows.map((r: Json) => r.userId)).toEqual([t.rep.userId]);
        expect(body.team.rows[0].leads).toMatchObject({ hot: 1, total: 2 });
        const listed = await listedHeat(t.rep.browser);
        expect(body.heat.now).toEqual(listed);
        expect(body.heat.now.burning).toBe(0); // the manager's burning lead is not the rep's to see
        expect(sum(body.heat.now)).toBeLessThan(sum((await analytics(t.manager.browser, "range=30d")).heat.now));

        const viewer = { userId: t.rep.userId, orgId: t.orgId, role: "rep" as const };
        const direct = await withService(async (tx) =>
          getAnalyticsDirect(tx, queryOf(body.range), await directScopeFor(tx, viewer), viewer),
        );
        expect(direct.heat).toEqual(body.heat);
        expect(direct.team).toEqual(body.team);
      } finally {
        await t.owner.browser.patch("/api/v1/organization", { repsSeeOwnLeadsOnly: false });
      }
    });

    it("a rep where reps see every lead still gets only their own team row", async () => {
      const body = await analytics(t.rep.browser, "widget=team");
      expect(body.team.rows.map((r: Json) => r.userId)).toEqual([t.rep.userId]);
    });

    it("another organization's numbers never appear, not even for a member of both", async () => {
      const theirs = await analytics(other.browser, "range=30d");
      expect(theirs.heat.now).toEqual({ cold: 1, warm: 0, hot: 0, burning: 1 });
      expect(theirs.team.rows.map((r: Json) => r.userId)).toEqual([other.userId]);
      const ours = await analytics(t.manager.browser, "range=30d");
      expect(ours.team.rows.map((r: Json) => r.userId)).not.toContain(other.userId);

      // The other organization's owner also joins ours: in ours they see ours only, and back home theirs.
      const { token } = await invite(t.owner.browser, other.email, "manager");
      const accepted = await other.browser.post("/api/v1/invitations/accept", { token });
      expect(accepted.body).toEqual({ orgId: t.orgId }); // and switched there
      const inOurs = await analytics(other.browser, "range=30d");
      expect(inOurs.heat).toEqual(ours.heat);
      expect(inOurs.pipeline).toEqual(ours.pipeline);
      const home = await other.browser.put("/api/v1/session/organization", { orgId: other.orgId });
      expect(home.status, JSON.stringify(home.body)).toBe(200);
      expect((await analytics(other.browser, "range=30d")).heat.now).toEqual(theirs.heat.now);
    });
  });
});
