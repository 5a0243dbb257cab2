import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { translatorFor } from "@/lib/i18n/translator";
import { Browser, invite, signUpPerson, uniqueEmail, type Person } from "./http";

afterAll(() => closeDatabase());

/** What a German reader should see for a `validation` / `problems` key. */
const de = (namespace: "validation" | "problems", key: string, values?: Record<string, string | number>) =>
  translatorFor("de", namespace)(key, values);

/**
 * Problems and field errors that code raises as catalogue keys (not English sentences) reach
 * a caller whose language is German in German, with each field's key as its code.
 */
describe("problems raised as keys, answered in the caller's language", () => {
  let owner: Person;
  beforeAll(async () => {
    owner = await signUpPerson({ prefix: "kinds" });
    expect((await owner.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
  });

  it("a saved view without a name, with a name already taken, or with nothing changed", async () => {
    const definition = { filters: {}, sort: null, columns: null };
    const nameless = await owner.browser.post("/api/v1/saved-views", { name: "", definition });
    expect(nameless.status).toBe(422);
    expect(nameless.body.errors.name).toEqual([de("validation", "viewNameRequired")]);

    const created = await owner.browser.post("/api/v1/saved-views", { name: "Heiss", definition });
    expect(created.status, created.text).toBe(201);
    const taken = await owner.browser.post("/api/v1/saved-views", { name: "Heiss", definition });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      detail: de("problems", "savedViewNameTaken"),
      errors: { name: [de("problems", "savedViewNameTaken")] },
      errorCodes: { name: ["savedViewNameTaken"] },
    });

    const nothing = await owner.browser.patch(`/api/v1/saved-views/${created.body.view.id}`, {});
    expect(nothing.status).toBe(422);
    expect(nothing.body.errors._).toEqual([de("validation", "changeNameOrView")]);
  });

  it("restoring a lead that is not deleted, and a lead's phone that is no number", async () => {
    const restore = await owner.browser.post(`/api/v1/leads/${randomUUID()}/restore`, {});
    expect(restore.status).toBe(404);
    expect(restore.body.detail).toBe(de("problems", "deletedLeadNotFound"));

    const lead = await owner.browser.post("/api/v1/leads", { name: "Anna Keller", phone: "call me" });
    expect(lead.status).toBe(422);
    expect(lead.body.errors.phone).toEqual([de("validation", "phoneWithCountryCode")]);
    expect(lead.body.errorCodes.phone).toEqual(["phoneWithCountryCode"]);
  });

  it("a lead in a project that is not the organization's", async () => {
    const lead = await owner.browser.post("/api/v1/leads", { name: "Anna Keller", projectId: randomUUID() });
    expect(lead.status).toBe(422);
    expect(lead.body.errors.projectId).toEqual([de("validation", "noSuchProjectHere")]);
  });

  it("a report subscription for a project that is not the organization's, or monthly without a day", async () => {
    const weekly = { cadence: "weekly", weekday: 1, hour: 8, timeZone: "Europe/Zurich" };
    const foreign = await owner.browser.post("/api/v1/reports/subscriptions", { ...weekly, projectId: randomUUID() });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors.projectId).toEqual([de("validation", "organizationProjectRequired")]);
    const created = await owner.browser.post("/api/v1/reports/subscriptions", weekly);
    expect(created.status, created.text).toBe(201);
    const monthly = await owner.browser.patch(`/api/v1/reports/subscriptions/${created.body.subscription.id}`, {
      cadence: "monthly",
    });
    expect(monthly.status).toBe(422);
    expect(monthly.body.errors.dayOfMonth).toEqual([de("validation", "dayOfMonthRequired")]);
  });

  it("signing up through an invitation with an address that already has an account", async () => {
    const email = uniqueEmail("taken");
    await signUpPerson({ email });
    const { token } = await invite(owner.browser, email, "rep");
    const response = await new Browser().post(
      "/api/auth/sign-up",
      { fullName: "Ada", email, password: "long enough password", inviteToken: token },
      { headers: { "accept-language": "de" } },
    );
    expect(response.status).toBe(409);
    expect(response.body.errors.email).toEqual([de("validation", "accountExistsSignIn")]);
    expect(response.body.errorCodes.email).toEqual(["accountExistsSignIn"]);
  });

  it("opening a conversation over a channel that is not the organization's", async () => {
    const lead = await owner.browser.post("/api/v1/leads", { name: "Anna Keller", phone: "+41791112233" });
    expect(lead.status, lead.text).toBe(201);
    const response = await owner.browser.post("/api/v1/conversations", {
      leadId: lead.body.lead.id,
      channelId: randomUUID(),
      medium: "sms",
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      detail: de("problems", "chooseOwnChannel"),
      errors: { channelId: [de("validation", "channelUnknown")] },
      errorCodes: { channelId: ["channelUnknown"] },
    });
  });

  it("a dashboard refresh interval that is not offered names the ones that are", async () => {
    const response = await owner.browser.put("/api/v1/dashboard-settings", { preferences: { refreshSeconds: 45 } });
    expect(response.status).toBe(422);
    expect(response.body.errors["preferences.refreshSeconds"]).toEqual([
      de("validation", "refreshSecondsInvalid", { values: "0, 30, 60, 300, 900" }),
    ]);
  });

  it("a session-state key the schema does not know", async () => {
    const response = await owner.browser.put("/api/v1/session-state", { currentContext: { bogus: 1 } });
    expect(response.status).toBe(422);
    expect(response.body.errors["currentContext.bogus"]).toEqual([de("validation", "unknownKey")]);
  });

  it("a wrong current password", async () => {
    const response = await owner.browser.patch("/api/auth/password", {
      currentPassword: "not the password at all",
      newPassword: "a brand new long password",
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.currentPassword).toEqual([de("validation", "currentPasswordWrong")]);
  });

  it("an invitation accepted from another address names the address it is for (a database message)", async () => {
    const addressee = uniqueEmail("addressee");
    const { token } = await invite(owner.browser, addressee, "rep");
    const other = await signUpPerson({ prefix: "other" });
    expect((await other.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
    const response = await other.browser.post("/api/v1/invitations/accept", { token });
    expect(response.status).toBe(403);
    expect(response.body.detail).toBe(de("problems", "dbInvitationForOtherEmail", { email: addressee }));
  });
});
