import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { DEFAULT_APP_PREFERENCES } from "@/lib/preferences/schema";
import { Browser, signUpPerson, team, type Person } from "./http";

afterAll(() => closeDatabase());

const PREFERENCES = "/api/v1/preferences";

describe("preferences API", () => {
  let t: Awaited<ReturnType<typeof team>>;
  beforeAll(async () => {
    t = await team();
  });

  it("a user who never saved anything reads the defaults", async () => {
    const response = await t.rep.browser.get(PREFERENCES);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ preferences: DEFAULT_APP_PREFERENCES });
  });

  it("a patch of a few fields answers the whole document and keeps the rest", async () => {
    const response = await t.manager.browser.patch(PREFERENCES, {
      interface: { theme: "dark", language: "he" },
      data: { timeZone: "Europe/Zurich", dateFormat: "dd.MM.yyyy", currency: "chf" },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.preferences.interface).toMatchObject({
      theme: "dark",
      language: "he",
      density: "comfortable",
    });
    expect(response.body.preferences.data).toMatchObject({
      timeZone: "Europe/Zurich",
      currency: "CHF",
      hourCycle: "auto",
    });
    const read = await t.manager.browser.get(PREFERENCES);
    expect(read.body.preferences).toEqual(response.body.preferences);
  });

  it("successive patches of different fields all land", async () => {
    await t.owner.browser.patch(PREFERENCES, { interface: { theme: "dark" } });
    await t.owner.browser.post(`${PREFERENCES}/time-zone`, { timeZone: "Europe/Zurich" });
    await t.owner.browser.patch(PREFERENCES, { interface: { language: "de" } });
    await t.owner.browser.patch(PREFERENCES, { data: { dateFormat: "dd.MM.yyyy" } });
    const read = await t.owner.browser.get(PREFERENCES);
    expect(read.body.preferences.interface).toMatchObject({ theme: "dark", language: "de" });
    expect(read.body.preferences.data).toMatchObject({ timeZone: "Europe/Zurich", dateFormat: "dd.MM.yyyy" });
  });

  it("an unknown time zone, currency, theme or field is a 422 naming each field", async () => {
    const response = await t.rep.browser.patch(PREFERENCES, {
      interface: { theme: "neon" },
      data: { timeZone: "Mars/Olympus", currency: "XYZ" },
    });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.errors).sort()).toEqual(["data.currency", "data.timeZone", "interface.theme"]);
    const unknownField = await t.rep.browser.patch(PREFERENCES, { interface: { fontSize: 20 } });
    expect(unknownField.status).toBe(422);
  });

  it("the browser's zone is taken once, only while the user has none", async () => {
    const first = await t.admin.browser.post(`${PREFERENCES}/time-zone`, { timeZone: "Asia/Jerusalem" });
    expect(first.body).toEqual({ stored: true });
    const second = await t.admin.browser.post(`${PREFERENCES}/time-zone`, { timeZone: "Asia/Tokyo" });
    expect(second.body).toEqual({ stored: false });
    expect((await t.admin.browser.get(PREFERENCES)).body.preferences.data.timeZone).toBe("Asia/Jerusalem");
  });

  it("a visitor who is not signed in gets a 401", async () => {
    expect((await new Browser().get(PREFERENCES)).status).toBe(401);
  });
});

const NUMBERS = "/api/v1/preferences/whatsapp-numbers";
const NUMBER_FIELD = "integrations.whatsapp.preferredNumberId";

/** A number of `admin`'s organization (sandbox mode: any number may be a channel). */
async function addChannel(admin: Person, label: string, capabilities: string[], active = true): Promise<string> {
  const address = `+4178${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;
  const created = await admin.browser.post("/api/v1/channels", { provider: "twilio", address, capabilities, label });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.channel.id;
  if (!active) expect((await admin.browser.patch(`/api/v1/channels/${id}`, { active: false })).status).toBe(200);
  return id;
}

describe("preferred WhatsApp sending number", () => {
  let t: Awaited<ReturnType<typeof team>>;
  let outsider: Person;
  let main: string;
  let spare: string;
  let foreign: string;
  beforeAll(async () => {
    t = await team();
    outsider = await signUpPerson({ prefix: "outsider" });
    main = await addChannel(t.admin, "Zurich sales", ["sms", "whatsapp"]);
    spare = await addChannel(t.admin, "Spare WhatsApp", ["whatsapp"]);
    await addChannel(t.admin, "SMS only", ["sms"]);
    await addChannel(t.admin, "Retired WhatsApp", ["whatsapp"], false);
    foreign = await addChannel(outsider, "Their WhatsApp", ["whatsapp"]);
  });

  it("a rep lists the organization's active WhatsApp numbers: name and number only", async () => {
    const response = await t.rep.browser.get(NUMBERS);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.numbers.map((n: { label: string }) => n.label)).toEqual(["Spare WhatsApp", "Zurich sales"]);
    for (const number of response.body.numbers) expect(Object.keys(number).sort()).toEqual(["address", "id", "label"]);
    expect(response.body).toMatchObject({ selected: null, unavailable: false });
    // Another organization's numbers are not in it, nor in theirs ours.
    const theirs = await outsider.browser.get(NUMBERS);
    expect(theirs.body.numbers.map((n: { id: string }) => n.id)).toEqual([foreign]);
  });

  it("a number of another organization, or no number at all, is a 422 on the field", async () => {
    for (const id of [foreign, "00000000-0000-4000-8000-000000000000"]) {
      const response = await t.rep.browser.patch(PREFERENCES, {
        integrations: { whatsapp: { preferredNumberId: id } },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual({
        [NUMBER_FIELD]: ["Choose one of your organization's active WhatsApp numbers."],
      });
    }
    expect((await t.rep.browser.get(PREFERENCES)).body.preferences.integrations.whatsapp.preferredNumberId).toBeNull();
  });

  it("a rep chooses one of the organization's numbers, and can clear it again", async () => {
    const chosen = await t.rep.browser.patch(PREFERENCES, { integrations: { whatsapp: { preferredNumberId: spare } } });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body.preferences.integrations.whatsapp.preferredNumberId).toBe(spare);
    expect((await t.rep.browser.get(NUMBERS)).body).toMatchObject({ selected: spare, unavailable: false });
    const cleared = await t.rep.browser.patch(PREFERENCES, { integrations: { whatsapp: { preferredNumberId: null } } });
    expect(cleared.body.preferences.integrations.whatsapp.preferredNumberId).toBeNull();
  });

  it("a chosen number that is removed reads as none, and the picker says so", async () => {
    const doomed = await addChannel(t.admin, "Short-lived", ["whatsapp"]);
    await t.manager.browser.patch(PREFERENCES, { integrations: { whatsapp: { preferredNumberId: doomed } } });
    await t.manager.browser.patch(PREFERENCES, { integrations: { whatsapp: { preferredNumberId: main } } });
    await t.owner.browser.patch(PREFERENCES, { integrations: { whatsapp: { preferredNumberId: doomed } } });
    expect((await t.admin.browser.delete(`/api/v1/channels/${doomed}`)).status).toBeLessThan(300);

    const read = await t.owner.browser.get(PREFERENCES);
    expect(read.body.preferences.integrations.whatsapp.preferredNumberId).toBeNull();
    expect((await t.owner.browser.get(NUMBERS)).body).toMatchObject({ selected: null, unavailable: true });
    // Another change keeps working, and still answers none for the number.
    const patched = await t.owner.browser.patch(PREFERENCES, { interface: { theme: "dark" } });
    expect(patched.status).toBe(200);
    expect(patched.body.preferences.integrations.whatsapp.preferredNumberId).toBeNull();
    // Choosing a number of the organization again clears the notice.
    await t.owner.browser.patch(PREFERENCES, { integrations: { whatsapp: { preferredNumberId: main } } });
    expect((await t.owner.browser.get(NUMBERS)).body).toMatchObject({ selected: main, unavailable: false });
    // The manager's choice of a number still there is untouched.
    expect((await t.manager.browser.get(NUMBERS)).body).toMatchObject({ selected: main, unavailable: false });
  });

  it("a visitor who is not signed in gets a 401 from the numbers", async () => {
    expect((await new Browser().get(NUMBERS)).status).toBe(401);
  });
});

const EVENT_TYPES = "/api/v1/preferences/calendly-event-types";
const EVENT_TYPE_FIELD = "integrations.calendly.defaultEventTypeUri";

describe("default Calendly event type without Calendly credentials (sandbox)", () => {
  let t: Awaited<ReturnType<typeof team>>;
  beforeAll(async () => {
    t = await team();
  });

  it("a rep is offered the sandbox's event types, labelled as the sandbox's", async () => {
    const response = await t.rep.browser.get(EVENT_TYPES);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ source: "sandbox", listFailed: false, selected: null, unavailable: false });
    expect(response.body.eventTypes.map((type: { sandbox: string }) => type.sandbox)).toEqual([
      "intro_call",
      "site_visit",
    ]);
    for (const type of response.body.eventTypes)
      expect(type.schedulingUrl).toMatch(/^https:\/\/calendly\.com\/kiln-sandbox\//);
  });

  it("an event type that is not offered is a 422 on the field; an offered one is kept", async () => {
    const unknown = await t.rep.browser.patch(PREFERENCES, {
      integrations: { calendly: { defaultEventTypeUri: "https://api.calendly.com/event_types/SOMEONE-ELSES" } },
    });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.errors)).toEqual([EVENT_TYPE_FIELD]);

    const [introCall] = (await t.rep.browser.get(EVENT_TYPES)).body.eventTypes;
    const chosen = await t.rep.browser.patch(PREFERENCES, {
      integrations: { calendly: { defaultEventTypeUri: introCall.uri } },
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body.preferences.integrations.calendly).toEqual({ defaultEventTypeUri: introCall.uri });
    expect((await t.rep.browser.get(EVENT_TYPES)).body).toMatchObject({ selected: introCall.uri, unavailable: false });
    // Clearing it needs no list.
    const cleared = await t.rep.browser.patch(PREFERENCES, {
      integrations: { calendly: { defaultEventTypeUri: null } },
    });
    expect(cleared.body.preferences.integrations.calendly.defaultEventTypeUri).toBeNull();
  });

  it("the removed fields (Calendly booking switch, email signature) are unknown to a patch", async () => {
    const booking = await t.rep.browser.patch(PREFERENCES, {
      integrations: { calendly: { bookingNotifications: false } },
    });
    expect(booking.status).toBe(422);
    const signature = await t.rep.browser.patch(PREFERENCES, { integrations: { email: { signature: "Hi" } } });
    expect(signature.status).toBe(422);
  });

  it("a visitor who is not signed in gets a 401 from the event types", async () => {
    expect((await new Browser().get(EVENT_TYPES)).status).toBe(401);
  });
});
