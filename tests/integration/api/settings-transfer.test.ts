import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, database } from "@/lib/db/client";
import { withService } from "@/lib/db";
import { saveConnection } from "@/lib/integrations/connections";
import { MAX_SAVED_VIEWS } from "@/lib/saved-views/schema";
import { MAX_SETTINGS_BYTES } from "@/lib/settings-transfer/sections";
import { Browser, joinAs, signUpPerson, uniqueName, type Person } from "./http";

/**
 * Settings export and import through the API (lib/settings-transfer): the document, every bad
 * file answered with a 4xx naming the field, the preview, all or nothing, idempotence, and a
 * round trip onto another person's account in another organization.
 */

afterAll(() => closeDatabase());

const EXPORT = "/api/v1/settings/export";
const IMPORT = "/api/v1/settings/import";
const preview = (sections?: string) => `${IMPORT}?dryRun=true${sections ? `&sections=${sections}` : ""}`;
const apply = (sections?: string) => `${IMPORT}?dryRun=false${sections ? `&sections=${sections}` : ""}`;

// The document is whatever JSON the export answered; each test edits the part it is about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

async function newProject(person: Person, name: string): Promise<string> {
  const response = await person.browser.post("/api/v1/projects", { name });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.project.id;
}

/** A person who arranged everything the export carries, through the app's own endpoints. */
async function arrange(person: Person, projectName: string) {
  const projectId = await newProject(person, projectName);
  const ok = (response: { status: number; body: unknown }) =>
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  ok(
    await person.browser.patch("/api/v1/preferences", {
      interface: { theme: "dark", language: "de", density: "compact" },
      data: { timeZone: "Europe/Zurich", dateFormat: "dd.MM.yyyy", hourCycle: "h23", currency: "CHF" },
      features: { beta: ["compact-inbox"], keyboardShortcuts: false },
      integrations: { calendly: { defaultEventTypeUri: SANDBOX_INTRO_CALL } },
    }),
  );
  const { body: notifications } = await person.browser.get("/api/v1/notification-settings");
  ok(
    await person.browser.put("/api/v1/notification-settings", {
      ...notifications.settings,
      quietHours: { enabled: true, start: "21:00", end: "07:00" },
      meetingReminderMinutes: 30,
      phone: "+41 79 123 45 67",
      channels: {
        ...notifications.settings.channels,
        lead_updates: { in_app: true, email: false, push: false, sms: true },
      },
    }),
  );
  ok(
    await person.browser.put("/api/v1/dashboard-settings", {
      layout: [
        { i: "team", x: 0, y: 0, w: 12, h: 6 },
        { i: "heat", x: 0, y: 6, w: 6, h: 8 },
      ],
      visibility: { agents: false },
      preferences: { defaultRange: "7d", refreshSeconds: 60 },
    }),
  );
  ok(
    await person.browser.put(`/api/v1/dashboard-settings?project=${projectId}`, {
      layout: [{ i: "pipeline", x: 2, y: 0, w: 10, h: 9 }],
      preferences: { density: "compact" },
    }),
  );
  ok(
    await person.browser.post("/api/v1/saved-views", {
      name: "Hot leads",
      definition: { filters: { heat: "hot,burning" }, sort: "heat", columns: null },
    }),
  );
  return { projectId };
}

async function exported(person: Person): Promise<Doc> {
  const response = await person.browser.get(EXPORT);
  expect(response.status, response.text).toBe(200);
  return JSON.parse(response.text);
}

/** A multipart upload as the browser's file picker sends it. */
function fileForm(content: string | Uint8Array<ArrayBuffer>): FormData {
  const form = new FormData();
  form.set("file", new Blob([content], { type: "application/json" }), "kiln-settings.json");
  return form;
}

/** One of the sandbox's Calendly event types, offered to every organization while Calendly has no credentials. */
const SANDBOX_INTRO_CALL = "https://api.calendly.com/event_types/kiln-sandbox-intro-call";

const countChanges = (sections: Record<string, unknown[]>) =>
  Object.values(sections).reduce((sum, changes) => sum + changes.length, 0);

describe("settings export", () => {
  let alex: Person;
  let doc: Doc;
  beforeAll(async () => {
    alex = await signUpPerson({ prefix: "export" });
    await arrange(alex, uniqueName("Rooftops"));
    doc = await exported(alex);
  });

  it("downloads a dated JSON file of the versioned document", async () => {
    const response = await alex.browser.get(EXPORT);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="kiln-settings-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(doc).toMatchObject({ kind: "kiln.settings", version: 1, user: { email: alex.email } });
    expect(Object.keys(doc.sections)).toEqual(["preferences", "notifications", "dashboards", "savedViews"]);
    expect(doc.sections.preferences.interface).toMatchObject({ theme: "dark", language: "de" });
    expect(doc.sections.notifications).toMatchObject({ meetingReminderMinutes: 30, phone: "+41791234567" });
    expect(doc.sections.dashboards.map((d: Doc) => d.project?.name ?? null)).toEqual([
      null,
      expect.stringMatching(/^Rooftops /),
    ]);
    expect(doc.sections.savedViews).toEqual([
      {
        name: "Hot leads",
        kind: "leads",
        definition: { filters: { heat: "hot,burning" }, sort: "heat", columns: null },
      },
    ]);
  });

  it("never contains tokens, secrets or another user's data, even with an integration connected", async () => {
    const calendlyId = randomUUID();
    const secrets = [`access-${randomUUID()}`, `refresh-${randomUUID()}`, `signing-${randomUUID()}`];
    await withService((tx) =>
      saveConnection(tx, {
        id: calendlyId,
        orgId: alex.orgId,
        tokens: {
          accessToken: secrets[0]!,
          refreshToken: secrets[1]!,
          expiresAt: new Date(Date.now() + 3_600_000),
          scope: "default",
          owner: {
            userUri: "https://api.calendly.com/users/ALEX",
            organizationUri: `https://api.calendly.com/organizations/${calendlyId}`,
          },
        },
        signingKey: secrets[2]!,
        subscriptionUri: `https://api.calendly.com/webhook_subscriptions/${calendlyId}`,
        account: {
          uri: "https://api.calendly.com/users/ALEX",
          name: "Alex",
          email: alex.email,
          schedulingUrl: null,
          organizationUri: `https://api.calendly.com/organizations/${calendlyId}`,
        },
        connectedBy: alex.userId,
      }),
    );
    // A colleague in the same organization with settings of their own.
    const colleague = await joinAs(alex.browser, "rep", "colleague");
    await colleague.browser.post("/api/v1/saved-views", {
      name: "Colleague only",
      definition: { filters: {}, sort: null, columns: null },
    });

    const text = (await alex.browser.get(EXPORT)).text;
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain("Colleague only");
    expect(text).not.toContain(colleague.userId);
    const keys = new Set<string>();
    JSON.parse(text, (key, value) => (keys.add(key.toLowerCase()), value));
    for (const key of keys) expect(key).not.toMatch(/token|secret|password|sealed|signing|apikey/);
  });
});

describe("settings import: bad files", () => {
  let sam: Person;
  let good: Doc;
  beforeAll(async () => {
    sam = await signUpPerson({ prefix: "importer" });
    good = await exported(sam);
  });

  const expectUntouched = async () => expect(await exported(sam)).toMatchObject({ sections: good.sections });

  it("malformed JSON is a 400 on the file", async () => {
    const response = await sam.browser.post(preview(), undefined, { rawBody: '{"kind": "kiln.settings",' });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.errors).toEqual({ file: ["The file is not valid JSON."] });
    const multipart = await sam.browser.post(apply(), undefined, { rawBody: fileForm("not json at all") });
    expect(multipart.status).toBe(400);
    expect(multipart.errors?.file).toEqual(["The file is not valid JSON."]);
  });

  it("a file over 1 MB is a 413 before it is parsed, sent as JSON or as a file", async () => {
    // Valid JSON, so only the size can be what is refused.
    const big = JSON.stringify({ ...good, padding: "x".repeat(MAX_SETTINGS_BYTES) });
    const asJson = await sam.browser.post(apply(), undefined, { rawBody: big });
    expect(asJson.status).toBe(413);
    expect(asJson.errors?.file?.[0]).toMatch(/larger than 1 MB/);
    const asFile = await sam.browser.post(apply(), undefined, { rawBody: fileForm(big) });
    expect(asFile.status).toBe(413);
    expect(asFile.errors?.file?.[0]).toMatch(/larger than 1 MB/);
    // Just under the limit is read (and then refused for its unknown field, not its size).
    const under = JSON.stringify({ ...good, sections: { ...good.sections, padding: "" } });
    const padded = under.replace('"padding":""', `"padding":"${"x".repeat(MAX_SETTINGS_BYTES - under.length - 1)}"`);
    expect(Buffer.byteLength(padded)).toBeLessThanOrEqual(MAX_SETTINGS_BYTES);
    expect((await sam.browser.post(preview(), undefined, { rawBody: fileForm(padded) })).status).toBe(422);
  });

  it("an unknown version is a 422 naming version", async () => {
    const response = await sam.browser.post(preview(), { ...good, version: 2 });
    expect(response.status).toBe(422);
    expect(response.errors).toEqual({ version: ["Version 2 is not one this Kiln reads (it reads version 1)."] });
    expect(response.body.detail).toContain("version");
    const missing = await sam.browser.post(preview(), { ...good, version: undefined });
    expect(missing.errors?.version?.[0]).toMatch(/no "version"/);
  });

  it("a JSON file that is not a Kiln settings export says so", async () => {
    const other = await sam.browser.post(preview(), { name: "package.json", version: 1 });
    expect(other.status).toBe(422);
    expect(other.errors?.kind?.[0]).toMatch(/"kind" must be "kiln.settings"/);
    const list = await sam.browser.post(preview(), [good]);
    expect(list.status).toBe(422);
    expect(list.errors?.file?.[0]).toMatch(/one JSON object/);
  });

  it("wrong types are a 422 naming each field", async () => {
    const doc = structuredClone(good);
    doc.sections.preferences.interface.theme = "purple";
    doc.sections.preferences.features.keyboardShortcuts = "yes";
    doc.sections.notifications.meetingReminderMinutes = "thirty";
    doc.sections.savedViews = { name: "not a list" };
    const response = await sam.browser.post(apply(), doc);
    expect(response.status).toBe(422);
    expect(response.errors).toMatchObject({
      "sections.preferences.interface.theme": [expect.stringMatching(/^Use one of: "system", "light", "dark"\.$/)],
      "sections.preferences.features.keyboardShortcuts": ["Expected boolean, found string."],
      "sections.notifications.meetingReminderMinutes": ["Expected number, found string."],
      "sections.savedViews": ["Expected array, found object."],
    });
    const unknownSection = await sam.browser.post(preview(), { ...good, sections: { ...good.sections, themes: {} } });
    expect(unknownSection.errors).toEqual({ "sections.themes": ['Unknown field "themes".'] });
    await expectUntouched();
  });

  it("text the database cannot store is a 422 naming the field", async () => {
    const doc = structuredClone(good);
    doc.sections.savedViews = [
      { name: "Best\u0000regards", kind: "leads", definition: { filters: {}, sort: null, columns: null } },
      { name: "Lone \uD800", kind: "leads", definition: { filters: {}, sort: null, columns: null } },
    ];
    const response = await sam.browser.post(apply(), doc);
    expect(response.status).toBe(422);
    expect(response.errors).toEqual({
      "sections.savedViews[0].name": [expect.stringMatching(/cannot be stored/)],
    });
    await expectUntouched();
  });

  it("unknown widgets are a 422 naming the layout item or visibility entry", async () => {
    const doc = structuredClone(good);
    doc.sections.dashboards = [
      {
        project: null,
        visibility: { heat: true, funnel: false },
        layout: [
          { i: "heat", x: 0, y: 0, w: 6, h: 8 },
          { i: "funnel", x: 6, y: 0, w: 6, h: 8 },
        ],
        preferences: { defaultRange: "30d", refreshSeconds: 300, density: "comfortable" },
      },
    ];
    const response = await sam.browser.post(preview(), doc);
    expect(response.status).toBe(422);
    expect(response.errors).toEqual({
      "sections.dashboards[0].layout[1].i": [
        expect.stringMatching(/^Unknown widget "funnel"\. The widgets are: heat, /),
      ],
      "sections.dashboards[0].visibility.funnel": [expect.stringMatching(/^Unknown widget "funnel"\./)],
    });
  });

  it("an unknown project is a 422 naming the dashboard's project", async () => {
    const known = uniqueName("Known");
    await newProject(sam, known);
    const dashboard = (project: Doc) => ({
      project,
      visibility: {},
      layout: [],
      preferences: { defaultRange: "30d", refreshSeconds: 300, density: "compact" },
    });
    const doc = structuredClone(good);
    doc.sections.preferences.interface.theme = "dark";
    doc.sections.dashboards = [
      dashboard(null),
      dashboard({ id: randomUUID(), name: known.toUpperCase() }),
      dashboard({ id: randomUUID(), name: "Nowhere" }),
    ];
    const response = await sam.browser.post(apply(), doc);
    expect(response.status).toBe(422);
    expect(response.errors).toEqual({
      "sections.dashboards[2].project": [expect.stringMatching(/^No project named "Nowhere" in this organization\./)],
    });
    expect(response.body.detail).toMatch(/sections\.dashboards\[2\]\.project/);
    // Nothing was written, not even the valid preferences section before it.
    await expectUntouched();
    // Leaving the dashboards out imports the rest.
    const rest = await sam.browser.post(apply("preferences,notifications"), doc);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect((await exported(sam)).sections.preferences.interface.theme).toBe("dark");
    good = await exported(sam);
  });

  it("an unknown section asked for, or a file sent as neither JSON nor a form, is refused clearly", async () => {
    const section = await sam.browser.post(preview("preferences,themes"), good);
    expect(section.status).toBe(422);
    expect(section.errors).toEqual({ sections: [expect.stringMatching(/^Unknown section "themes"/)] });
    const text = await sam.browser.post(preview(), undefined, {
      rawBody: JSON.stringify(good),
      contentType: "text/plain",
    });
    expect(text.status).toBe(415);
    const noFile = new FormData();
    noFile.set("other", "x");
    const missing = await sam.browser.post(preview(), undefined, { rawBody: noFile });
    expect(missing.status).toBe(422);
    expect(missing.errors?.file?.[0]).toMatch(/Choose a settings file/);
  });

  it("two saved views of the same name are a 422 on the second", async () => {
    const doc = structuredClone(good);
    const view = { name: "Mine", kind: "leads", definition: { filters: {}, sort: null, columns: null } };
    doc.sections.savedViews = [view, { ...view, name: "MINE" }];
    const response = await sam.browser.post(preview(), doc);
    expect(response.errors).toEqual({ "sections.savedViews[1].name": ["Another view in the file has this name."] });
  });

  it("more saved views than a user may keep are a 422 on the section, not a conflict", async () => {
    const doc = structuredClone(good);
    doc.sections.savedViews = Array.from({ length: MAX_SAVED_VIEWS + 1 }, (_, i) => ({
      name: `View ${i}`,
      kind: "leads",
      definition: { filters: {}, sort: null, columns: null },
    }));
    const response = await sam.browser.post(apply(), doc);
    expect(response.status).toBe(422);
    expect(Object.keys(response.errors ?? {})).toEqual(["sections.savedViews"]);
    expect(response.errors?.["sections.savedViews"]?.[0]).toContain(String(MAX_SAVED_VIEWS));
    await expectUntouched();
  });

  it("signed out is a 401", async () => {
    expect((await new Browser().post(preview(), good)).status).toBe(401);
  });
});

describe("settings import: preview, apply, all or nothing", () => {
  let kim: Person;
  let original: Doc;
  let edited: Doc;
  beforeAll(async () => {
    kim = await signUpPerson({ prefix: "kim" });
    await arrange(kim, uniqueName("Rooftops"));
    original = await exported(kim);
    edited = structuredClone(original);
    edited.sections.preferences.interface.theme = "light";
    edited.sections.notifications.meetingReminderMinutes = 45;
    edited.sections.dashboards[0].visibility.agents = true;
    edited.sections.dashboards[0].layout[1].x = 6;
    // Views are listed by name, so the export will answer "Cold leads" first.
    edited.sections.savedViews.unshift({
      name: "Cold leads",
      kind: "leads",
      definition: { filters: { heat: "cold" }, sort: null, columns: null },
    });
  });

  it("a dry run lists, per section, only what differs, old to new, and writes nothing", async () => {
    const response = await kim.browser.post(preview(), edited);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ dryRun: true, applied: false });
    expect(response.body.sections).toEqual({
      preferences: [{ path: "interface.theme", old: "dark", new: "light" }],
      notifications: [{ path: "meetingReminderMinutes", old: 30, new: 45 }],
      dashboards: [
        { path: "visibility.agents", old: false, new: true, project: null },
        { path: "layout.heat.x", old: 0, new: 6, project: null },
      ],
      savedViews: [
        {
          path: "Cold leads",
          old: null,
          new: { name: "Cold leads", definition: { filters: { heat: "cold" }, sort: null, columns: null } },
        },
      ],
    });
    expect(await exported(kim)).toMatchObject({ sections: original.sections });
    const some = await kim.browser.post(preview("notifications,savedViews"), edited);
    expect(Object.keys(some.body.sections)).toEqual(["notifications", "savedViews"]);
  });

  it("a failure in the last section leaves the earlier sections untouched", async () => {
    const db = await database();
    const suffix = randomUUID().replaceAll("-", "");
    const poisoned = `Poisoned ${suffix}`;
    // The last section's write fails inside the database, after the others were written.
    await db.transaction(async (tx) => {
      await tx.query(
        `create function public.refuse_view_${suffix}() returns trigger language plpgsql as $$
         begin raise exception 'refused by the test'; end $$`,
      );
      await tx.query(
        `create trigger refuse_view_${suffix} before insert on public.user_saved_views
           for each row when (new.name = '${poisoned}') execute function public.refuse_view_${suffix}()`,
      );
    });
    try {
      const doc = structuredClone(edited);
      doc.sections.savedViews.push({
        name: poisoned,
        kind: "leads",
        definition: { filters: {}, sort: null, columns: null },
      });
      const response = await kim.browser.post(apply(), doc);
      expect(response.status).toBe(500);
    } finally {
      await db.transaction(async (tx) => {
        await tx.query(`drop trigger refuse_view_${suffix} on public.user_saved_views`);
        await tx.query(`drop function public.refuse_view_${suffix}()`);
      });
    }
    expect(await exported(kim)).toMatchObject({ sections: original.sections });
  });

  it("applies the chosen sections, and the same file again changes nothing", async () => {
    const first = await kim.browser.post(apply(), edited);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ dryRun: false, applied: true });
    expect(countChanges(first.body.sections)).toBe(5);
    const after = await exported(kim);
    expect(after.sections).toEqual(edited.sections);

    const again = await kim.browser.post(preview(), edited);
    expect(again.body.sections).toEqual({ preferences: [], notifications: [], dashboards: [], savedViews: [] });
    const second = await kim.browser.post(apply(), edited);
    expect(countChanges(second.body.sections)).toBe(0);
    expect((await exported(kim)).sections).toEqual(after.sections);
  });

  it("importing only some sections leaves the others as they are", async () => {
    const doc = structuredClone(original);
    const response = await kim.browser.post(apply("preferences"), doc);
    expect(Object.keys(response.body.sections)).toEqual(["preferences"]);
    const now = await exported(kim);
    expect(now.sections.preferences).toEqual(original.sections.preferences);
    expect(now.sections.notifications).toEqual(edited.sections.notifications);
  });
});

describe("settings round trip", () => {
  it("an export imported on another account, in another organization with a project of the same name, reproduces the settings", async () => {
    const projectName = uniqueName("Rooftops");
    const alice = await signUpPerson({ prefix: "alice" });
    await arrange(alice, projectName);
    const bob = await signUpPerson({ prefix: "bob" });
    const bobProject = await newProject(bob, projectName);
    await newProject(bob, uniqueName("Other"));
    const fromAlice = await exported(alice);

    const file = fileForm(JSON.stringify(fromAlice, null, 2));
    const previewed = await bob.browser.post(preview(), undefined, { rawBody: file });
    expect(previewed.status, JSON.stringify(previewed.body)).toBe(200);
    expect(previewed.body.sections.dashboards).toContainEqual(
      expect.objectContaining({ project: { id: bobProject, name: projectName } }),
    );
    const applied = await bob.browser.post(apply(), undefined, { rawBody: fileForm(JSON.stringify(fromAlice)) });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);

    const fromBob = await exported(bob);
    expect(fromBob.user).toEqual({ email: bob.email });
    const aliceProject = fromAlice.sections.dashboards[1].project.id;
    expect(fromBob.sections).toEqual({
      ...fromAlice.sections,
      dashboards: fromAlice.sections.dashboards.map((d: Doc) =>
        d.project ? { ...d, project: { id: bobProject, name: projectName } } : d,
      ),
    });
    expect(JSON.stringify(fromBob)).not.toContain(aliceProject);
    // Alice's own settings are hers alone.
    expect((await exported(alice)).sections).toEqual(fromAlice.sections);
  });
});

describe("settings import: the preferred WhatsApp number belongs to its organization", () => {
  const FIELD = "integrations.whatsapp.preferredNumberId";
  const whatsappNumber = async (person: Person, label: string) => {
    const address = `+4177${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;
    const created = await person.browser.post("/api/v1/channels", {
      provider: "twilio",
      address,
      capabilities: ["whatsapp"],
      label,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.channel.id as string;
  };

  it("a number of another organization is left out, not carried over, and the preview says so", async () => {
    const lee = await signUpPerson({ prefix: "lee" });
    const leeNumber = await whatsappNumber(lee, "Lee's line");
    const chosen = await lee.browser.patch("/api/v1/preferences", {
      interface: { theme: "dark" },
      integrations: { whatsapp: { preferredNumberId: leeNumber } },
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    const fromLee = await exported(lee);
    expect(fromLee.sections.preferences.integrations.whatsapp.preferredNumberId).toBe(leeNumber);

    const moe = await signUpPerson({ prefix: "moe" });
    await whatsappNumber(moe, "Moe's line");
    const previewed = await moe.browser.post(preview("preferences"), fromLee);
    expect(previewed.status, JSON.stringify(previewed.body)).toBe(200);
    expect(previewed.body.dropped).toEqual([
      { section: "preferences", path: FIELD, value: leeNumber, reason: "notInOrganization" },
    ]);
    expect(previewed.body.sections.preferences).toContainEqual({ path: "interface.theme", old: "system", new: "dark" });
    expect(previewed.body.sections.preferences.map((c: { path: string }) => c.path)).not.toContain(FIELD);

    const applied = await moe.browser.post(apply("preferences"), fromLee);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.dropped).toHaveLength(1);
    const stored = await withService((tx) =>
      tx.query<{ integration_settings: { whatsapp?: { preferredNumberId: string | null } } }>(
        "select integration_settings from public.user_app_preferences where user_id = $1",
        [moe.userId],
      ),
    );
    expect(stored.rows[0]?.integration_settings.whatsapp?.preferredNumberId ?? null).toBeNull();
    const fromMoe = await exported(moe);
    expect(fromMoe.sections.preferences.interface.theme).toBe("dark");
    expect(JSON.stringify(fromMoe)).not.toContain(leeNumber);
    // The rest landed; importing again changes nothing, and still says what it leaves out.
    const again = await moe.browser.post(preview("preferences"), fromLee);
    expect(again.body.sections.preferences).toEqual([]);
    expect(again.body.dropped).toHaveLength(1);
  });

  it("a number of this organization is imported as it is", async () => {
    const ann = await signUpPerson({ prefix: "ann" });
    const number = await whatsappNumber(ann, "Ann's line");
    const doc = await exported(ann);
    doc.sections.preferences.integrations.whatsapp.preferredNumberId = number;
    const applied = await ann.browser.post(apply("preferences"), doc);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.dropped).toEqual([]);
    expect(applied.body.sections.preferences).toEqual([{ path: FIELD, old: null, new: number }]);
    expect((await exported(ann)).sections.preferences.integrations.whatsapp.preferredNumberId).toBe(number);
  });
});

describe("settings import: integration defaults", () => {
  const FIELD = "integrations.calendly.defaultEventTypeUri";

  it("a file of an older Kiln carrying the Calendly booking switch and the email signature imports cleanly, ignoring both", async () => {
    const ola = await signUpPerson({ prefix: "ola" });
    const doc = await exported(ola);
    doc.sections.preferences.interface.theme = "dark";
    doc.sections.preferences.integrations.calendly.bookingNotifications = false;
    doc.sections.preferences.integrations.email = { signature: "Grüezi\nOla" };
    const before = (await ola.browser.get("/api/v1/notification-settings")).body.settings.channels.calendly_bookings;

    const previewed = await ola.browser.post(preview("preferences"), doc);
    expect(previewed.status, JSON.stringify(previewed.body)).toBe(200);
    expect(previewed.body.sections.preferences).toEqual([{ path: "interface.theme", old: "system", new: "dark" }]);
    const applied = await ola.browser.post(apply(), doc);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);

    const { rows } = await withService((tx) =>
      tx.query<{ integration_settings: Record<string, unknown> }>(
        "select integration_settings from public.user_app_preferences where user_id = $1",
        [ola.userId],
      ),
    );
    expect(rows[0]?.integration_settings).toEqual({
      calendly: { defaultEventTypeUri: null },
      whatsapp: { preferredNumberId: null },
      emailSignature: "",
    });
    // The booking notifications stay what the notification settings say (the file's own section).
    const after = (await ola.browser.get("/api/v1/notification-settings")).body.settings.channels.calendly_bookings;
    expect(after).toEqual(before);
    const again = await exported(ola);
    expect(again.sections.preferences.integrations).toEqual({
      calendly: { defaultEventTypeUri: null },
      whatsapp: { preferredNumberId: null },
      emailSignature: "",
    });
  });

  it("a Calendly event type this organization does not offer is left out, and the preview says so", async () => {
    const pat = await signUpPerson({ prefix: "pat" });
    const doc = await exported(pat);
    const gone = "https://api.calendly.com/event_types/NOT-OFFERED-HERE";
    doc.sections.preferences.integrations.calendly.defaultEventTypeUri = gone;
    const previewed = await pat.browser.post(preview("preferences"), doc);
    expect(previewed.status, JSON.stringify(previewed.body)).toBe(200);
    expect(previewed.body.dropped).toEqual([
      { section: "preferences", path: FIELD, value: gone, reason: "notInOrganization" },
    ]);
    expect(previewed.body.sections.preferences).toEqual([]);

    doc.sections.preferences.integrations.calendly.defaultEventTypeUri = SANDBOX_INTRO_CALL;
    const applied = await pat.browser.post(apply("preferences"), doc);
    expect(applied.body.sections.preferences).toEqual([{ path: FIELD, old: null, new: SANDBOX_INTRO_CALL }]);
    expect((await exported(pat)).sections.preferences.integrations.calendly.defaultEventTypeUri).toBe(
      SANDBOX_INTRO_CALL,
    );
  });
});
