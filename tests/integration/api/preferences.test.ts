import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { DEFAULT_APP_PREFERENCES } from "@/lib/preferences/schema";
import { Browser, team } from "./http";

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
