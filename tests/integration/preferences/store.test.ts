import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { currentReader } from "@/lib/i18n/reader";
import { userTimeZone } from "@/lib/analytics";
import { DEFAULT_SETTINGS, getSettings, saveSettings } from "@/lib/notifications/settings";
import { DEFAULT_APP_PREFERENCES } from "@/lib/preferences/schema";
import {
  getPreferences,
  loadPreferences,
  replacePreferences,
  suggestTimeZone,
  updatePreferences,
} from "@/lib/preferences/store";
import { addMember, createTestOrg, createTestUser, type TestUser } from "../helpers";

afterAll(() => closeDatabase());

describe("app preferences store", () => {
  let owner: TestUser;
  let rep: TestUser;
  beforeAll(async () => {
    owner = await createTestUser();
    rep = await createTestUser();
    const orgId = await createTestOrg(owner);
    await addMember(orgId, rep, "rep");
  });

  it("a user with no row reads the defaults, and no language counts as chosen", async () => {
    const loaded = await withRls(rep.claims, (tx) => loadPreferences(tx, rep.id));
    expect(loaded).toEqual({ preferences: DEFAULT_APP_PREFERENCES, languageChosen: false });
  });

  it("a patch changes only the fields it names and answers the whole result", async () => {
    const eventType = "https://api.calendly.com/event_types/ANA";
    await withRls(owner.claims, (tx) =>
      updatePreferences(tx, owner.id, {
        interface: { theme: "dark" },
        integrations: { calendly: { defaultEventTypeUri: eventType } },
      }),
    );
    const after = await withRls(owner.claims, (tx) => updatePreferences(tx, owner.id, { data: { hourCycle: "h23" } }));
    expect(after.interface).toEqual({ ...DEFAULT_APP_PREFERENCES.interface, theme: "dark" });
    expect(after.data.hourCycle).toBe("h23");
    expect(after.integrations).toEqual({
      calendly: { defaultEventTypeUri: eventType },
      whatsapp: { preferredNumberId: null },
      emailSignature: "",
    });
    expect(await withRls(owner.claims, (tx) => getPreferences(tx, owner.id))).toEqual(after);
  });

  it("an invalid stored field falls back to its default while its neighbours keep their values", async () => {
    await withService((tx) =>
      tx.query(
        `update public.user_app_preferences
            set interface_settings = '{"theme": "neon", "language": "he", "density": 7}',
                data_preferences = '{"timeZone": "Mars/Olympus", "currency": "CHF"}',
                feature_preferences = '{"beta": "all", "keyboardShortcuts": "yes"}',
                integration_settings = '{"calendly": {"defaultEventTypeUri": 5, "bookingNotifications": false},
                                         "whatsapp": {"preferredNumberId": null}, "email": {"signature": "Ana"}}'
          where user_id = $1`,
        [owner.id],
      ),
    );
    const loaded = await withRls(owner.claims, (tx) => loadPreferences(tx, owner.id));
    expect(loaded.languageChosen).toBe(true);
    expect(loaded.preferences.interface).toMatchObject({ theme: "system", language: "he", density: "comfortable" });
    expect(loaded.preferences.data).toMatchObject({ timeZone: null, currency: "CHF" });
    expect(loaded.preferences.features).toEqual(DEFAULT_APP_PREFERENCES.features);
    expect(loaded.preferences.integrations.calendly).toEqual({ defaultEventTypeUri: null });
  });

  it("fields since removed (Calendly booking notifications, the email signature) are dropped on read and on the next write", async () => {
    const read = await withRls(owner.claims, (tx) => getPreferences(tx, owner.id));
    expect(read.integrations).toEqual({
      calendly: { defaultEventTypeUri: null },
      whatsapp: { preferredNumberId: null },
      emailSignature: "",
    });
    await withRls(owner.claims, (tx) => updatePreferences(tx, owner.id, { interface: { theme: "light" } }));
    const { rows } = await withService((tx) =>
      tx.query<{ integration_settings: unknown }>(
        "select integration_settings from public.user_app_preferences where user_id = $1",
        [owner.id],
      ),
    );
    // `email.signature` is gone; its successor, `emailSignature`, starts empty.
    expect(rows[0]?.integration_settings).toEqual({
      calendly: { defaultEventTypeUri: null },
      whatsapp: { preferredNumberId: null },
      emailSignature: "",
    });
  });

  it("replace stores the whole document: what it does not say is the default afterwards", async () => {
    const prefs = structuredClone(DEFAULT_APP_PREFERENCES);
    prefs.features.beta = ["compact-inbox"];
    await withRls(owner.claims, (tx) => replacePreferences(tx, owner.id, prefs));
    expect(await withRls(owner.claims, (tx) => getPreferences(tx, owner.id))).toEqual(prefs);
  });

  it("the browser's zone is stored on first sign-in and never overwrites a zone already chosen", async () => {
    expect(await withRls(rep.claims, (tx) => suggestTimeZone(tx, rep.id, "America/New_York"))).toBe(true);
    expect(await withRls(rep.claims, (tx) => suggestTimeZone(tx, rep.id, "Asia/Tokyo"))).toBe(false);
    expect((await withRls(rep.claims, (tx) => getPreferences(tx, rep.id))).data.timeZone).toBe("America/New_York");
  });

  it("the preference's zone is the one zone the reader, analytics and notification settings use", async () => {
    await withRls(rep.claims, (tx) =>
      updatePreferences(tx, rep.id, { interface: { language: "de" }, data: { timeZone: "Asia/Jerusalem" } }),
    );
    const [reader, zone, notifications] = await withRls(rep.claims, async (tx) => [
      await currentReader(tx),
      await userTimeZone(tx, rep.id),
      (await getSettings(tx, rep.id)).settings.timezone,
    ]);
    expect(reader).toMatchObject({ locale: "de", timeZone: "Asia/Jerusalem", data: { timeZone: "Asia/Jerusalem" } });
    expect(zone).toBe("Asia/Jerusalem");
    expect(notifications).toBe("Asia/Jerusalem");
  });

  it("saving the notification settings' zone writes the preference, not a second field", async () => {
    await withRls(rep.claims, (tx) =>
      saveSettings(tx, rep.id, { ...structuredClone(DEFAULT_SETTINGS), timezone: "Europe/Zurich" }),
    );
    expect((await withRls(rep.claims, (tx) => getPreferences(tx, rep.id))).data.timeZone).toBe("Europe/Zurich");
  });

  it("a user cannot read or write another user's preferences, even in the same organization", async () => {
    await withRls(owner.claims, (tx) => updatePreferences(tx, owner.id, { interface: { theme: "light" } }));
    const seen = await withRls(rep.claims, (tx) => getPreferences(tx, owner.id));
    expect(seen).toEqual(DEFAULT_APP_PREFERENCES);
    await expect(
      withRls(rep.claims, (tx) => updatePreferences(tx, owner.id, { interface: { theme: "dark" } })),
    ).rejects.toMatchObject({ code: "42501" });
    const changed = await withRls(rep.claims, (tx) =>
      tx.query("update public.user_app_preferences set interface_settings = '{}' where user_id = $1", [owner.id]),
    );
    expect(changed.rowCount).toBe(0);
    expect((await withRls(owner.claims, (tx) => getPreferences(tx, owner.id))).interface.theme).toBe("light");
  });
});
