import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/boss";
import { settled } from "@/lib/jobs/soon";
import { DEFAULT_CHANNELS } from "@/lib/notifications/categories";
import { notify, notifyWithResult } from "@/lib/notifications/notify";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { translatorFor, translatorOver } from "@/lib/i18n/translator";
import { subscribe, type LiveEvent } from "@/lib/realtime/hub";
import { team, type Person } from "../api/http";
import { mobile, postTwilio, twilioInbound } from "../inbox/webhook-client";

afterAll(async () => {
  await settled();
  await stopJobQueue();
  await closeDatabase();
});

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let outsider: Team;
const claimsOf = (p: Person) => ({ sub: p.userId, email: p.email, role: "authenticated" as const });

/** Quiet hours off and nothing but in-app, so tests never depend on the time of day or send email. */
async function inAppOnly(person: Person) {
  const channels = Object.fromEntries(
    Object.keys(DEFAULT_CHANNELS).map((c) => [c, { in_app: true, email: false, push: false, sms: false }]),
  );
  const response = await person.browser.put("/api/v1/notification-settings", {
    channels,
    timezone: "UTC",
    quietHours: { enabled: false, start: "22:00", end: "08:00" },
    allowUrgentDuringQuiet: false,
    workingHours: { enabled: false, start: "09:00", end: "18:00" },
    meetingReminderMinutes: 15,
    phone: null,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** The user's rows, with the title they read (rendered in English from the stored kind and parameters). */
async function rowsOf(userId: string) {
  const texts = translatorFor("en", "notificationTexts", "UTC");
  const rows = await withService(
    async (tx) =>
      (
        await tx.query<{
          id: string;
          kind: string;
          category: string;
          params: Record<string, unknown>;
          action_url: string;
          org_id: string;
          metadata: Record<string, unknown>;
        }>(
          "select id, kind, category, params, action_url, org_id, metadata from public.notifications where user_id = $1 order by created_at",
          [userId],
        )
      ).rows,
  );
  return rows.map((r) => ({
    ...r,
    title: renderNotification(r.kind, r.params, texts, heatLineTextFor("en", "UTC")).title,
  }));
}

beforeAll(async () => {
  t = await team();
  outsider = await team();
  for (const p of [t.owner, t.admin, t.manager, t.rep, outsider.owner]) await inAppOnly(p);
});

describe("notify()", () => {
  it("inside a member's transaction: a heat change tells the lead's owner, not the manager who made it", async () => {
    const lead = await t.rep.browser.post("/api/v1/leads", {
      name: "Hanna Heat",
      ownerId: t.rep.userId,
      phone: mobile(),
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const pinned = await t.manager.browser.post(`/api/v1/leads/${lead.body.lead.id}/heat`, {
      level: "hot",
      reason: "Asked for a quote today",
    });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);

    const repRows = (await rowsOf(t.rep.userId)).filter((r) => r.kind === "heat_changed");
    expect(repRows).toHaveLength(1);
    expect(repRows[0]).toMatchObject({
      category: "heat_progressions",
      title: "Hanna Heat is now hot",
      action_url: `/leads/${lead.body.lead.id}`,
      org_id: t.orgId,
    });
    expect(repRows[0]!.metadata).toMatchObject({
      category: "heat_progressions",
      priority: "normal",
      kind: "heat_changed",
      leadId: lead.body.lead.id,
    });
    expect((await rowsOf(t.manager.userId)).filter((r) => r.kind === "heat_changed")).toHaveLength(0);
  });

  it("inside a service transaction: an inbound message on an assigned conversation tells its assignee, live over LISTEN/NOTIFY", async () => {
    const channel = await t.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: mobile(),
      capabilities: ["sms"],
      label: "Notify line",
    });
    const phone = mobile();
    await t.rep.browser.post("/api/v1/leads", { name: "Ingo Inbound", ownerId: t.rep.userId, phone });
    const events: LiveEvent[] = [];
    const unsubscribe = await subscribe((e) => events.push(e));
    try {
      const response = await postTwilio(
        t.orgId,
        "/api/webhooks/twilio/messaging",
        twilioInbound(channel.body.channel.address, phone, "Can we talk tomorrow?"),
      );
      expect(response.status).toBe(200);
      await settled();
      const rows = (await rowsOf(t.rep.userId)).filter((r) => r.kind === "inbound_message");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ category: "inbox_messages", title: "New message from Ingo Inbound" });
      expect(rows[0]!.action_url).toMatch(/^\/inbox\?c=[0-9a-f-]{36}$/);
      const live = events.find((e) => e.topic === "notifications" && e.id === rows[0]!.id);
      expect(live).toMatchObject({ org_id: t.orgId, user_id: t.rep.userId });
      expect(JSON.stringify(events)).not.toContain("Can we talk tomorrow?");
    } finally {
      unsubscribe();
    }
  });

  it("an inbound message on an unassigned conversation notifies nobody", async () => {
    const channel = await t.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: mobile(),
      capabilities: ["sms"],
      label: "Unassigned line",
    });
    const before = await withService(
      async (tx) =>
        (
          await tx.query<{ n: number }>(
            "select count(*)::int as n from public.notifications where org_id = $1 and kind = 'inbound_message'",
            [t.orgId],
          )
        ).rows[0]!.n,
    );
    await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      twilioInbound(channel.body.channel.address, mobile(), "Hello?"),
    );
    await settled();
    const after = await withService(
      async (tx) =>
        (
          await tx.query<{ n: number }>(
            "select count(*)::int as n from public.notifications where org_id = $1 and kind = 'inbound_message'",
            [t.orgId],
          )
        ).rows[0]!.n,
    );
    expect(after).toBe(before);
  });

  it("rows exist only if the caller's transaction commits", async () => {
    const lead = await t.rep.browser.post("/api/v1/leads", {
      name: "Rolf Rollback",
      ownerId: t.rep.userId,
      phone: mobile(),
    });
    const event = { kind: "bant_qualified" as const, orgId: t.orgId, leadId: lead.body.lead.id };
    await expect(
      withRls(claimsOf(t.manager), async (tx) => {
        const result = await notifyWithResult(tx, event);
        expect(result.notifications.map((n) => n.userId)).toEqual([t.rep.userId]);
        throw new Error("caller fails after notifying");
      }),
    ).rejects.toThrow("caller fails");
    expect((await rowsOf(t.rep.userId)).filter((r) => r.kind === "bant_qualified")).toHaveLength(0);
    await withRls(claimsOf(t.manager), (tx) => notify(tx, event));
    expect((await rowsOf(t.rep.userId)).filter((r) => r.kind === "bant_qualified")).toHaveLength(1);
  });

  it("never throws for no recipients, and never notifies across organizations", async () => {
    const lead = await t.rep.browser.post("/api/v1/leads", {
      name: "Nora Nobody",
      ownerId: t.rep.userId,
      phone: mobile(),
    });
    // The rep is the owner and the actor: nobody left to tell.
    const own = await withRls(claimsOf(t.rep), (tx) =>
      notifyWithResult(tx, { kind: "bant_qualified", orgId: t.orgId, leadId: lead.body.lead.id }),
    );
    expect(own.notifications).toEqual([]);
    // A member of another organization naming this one: refused by the database, the caller carries on.
    const foreign = await withRls(claimsOf(outsider.owner), async (tx) => {
      const result = await notifyWithResult(tx, {
        kind: "integration_failing",
        orgId: t.orgId,
        provider: "twilio",
        status: "error",
        problem: { kind: "token_rejected", params: {} },
      });
      await tx.query("select 1");
      return result;
    });
    expect(foreign.notifications).toEqual([]);
    expect((await rowsOf(t.owner.userId)).filter((r) => r.kind === "integration_failing")).toHaveLength(0);
  });

  it("integration failures go to admins and owners; an unowned lead's heat change to managers and above", async () => {
    await withService((tx) =>
      notify(tx, {
        kind: "integration_failing",
        orgId: t.orgId,
        provider: "calendly",
        status: "needs_reauth",
        problem: { kind: "grant_revoked", params: {} },
      }),
    );
    for (const p of [t.owner, t.admin])
      expect(
        (await rowsOf(p.userId)).some(
          (r) => r.kind === "integration_failing" && r.title === "Calendly needs to be reconnected",
        ),
      ).toBe(true);
    for (const p of [t.manager, t.rep])
      expect((await rowsOf(p.userId)).some((r) => r.kind === "integration_failing")).toBe(false);

    const unowned = await t.owner.browser.post("/api/v1/leads", {
      name: "Otto Unowned",
      phone: mobile(),
      ownerId: null,
    });
    await withService((tx) =>
      notify(tx, {
        kind: "heat_changed",
        orgId: t.orgId,
        leadId: unowned.body.lead.id,
        from: "warm",
        to: "cold",
        reason: "Quiet for 30 days",
      }),
    );
    for (const p of [t.owner, t.admin, t.manager]) {
      const row = (await rowsOf(p.userId)).find((r) => r.kind === "heat_changed" && r.title.startsWith("Otto Unowned"));
      expect(row).toMatchObject({ category: "lead_updates", title: "Otto Unowned cooled down to cold" });
    }
    expect((await rowsOf(t.rep.userId)).some((r) => r.title.startsWith("Otto Unowned"))).toBe(false);
  });

  it("honours the in-app switch: no listed row, but other channels still get theirs", async () => {
    const base = (await t.admin.browser.get("/api/v1/notification-settings")).body.settings;
    base.channels.integrations = { in_app: false, email: true, push: false, sms: false };
    expect((await t.admin.browser.put("/api/v1/notification-settings", base)).status).toBe(200);
    const result = await withService((tx) =>
      notifyWithResult(tx, {
        kind: "integration_failing",
        orgId: t.orgId,
        provider: "twilio",
        status: "error",
        problem: { kind: "token_rejected", params: {} },
      }),
    );
    const admin = result.notifications.find((n) => n.userId === t.admin.userId)!;
    expect(admin.inApp).toBe(false);
    expect(admin.deliveries.map((d) => d.channel)).toEqual(["email"]);
    const list = await t.admin.browser.get("/api/v1/notifications?category=integrations");
    expect(list.body.notifications.some((n: { title: string }) => n.title === "Twilio is failing")).toBe(false);

    base.channels.integrations = { in_app: false, email: false, push: false, sms: false };
    expect((await t.admin.browser.put("/api/v1/notification-settings", base)).status).toBe(200);
    const none = await withService((tx) =>
      notifyWithResult(tx, {
        kind: "integration_failing",
        orgId: t.orgId,
        provider: "twilio",
        status: "error",
        problem: { kind: "token_refresh_failed", params: {} },
      }),
    );
    expect(none.notifications.some((n) => n.userId === t.admin.userId)).toBe(false);
    await settled();
  });

  it("the database defaults match the code's defaults", async () => {
    const { rows } = await withService((tx) =>
      tx.query<{ d: unknown }>("select private.notification_channel_defaults() as d"),
    );
    expect(rows[0]!.d).toEqual(DEFAULT_CHANNELS);
  });
});

describe("row-level security", () => {
  it("a user reads only their own notifications and settings; another organization sees none", async () => {
    const repRows = await rowsOf(t.rep.userId);
    expect(repRows.length).toBeGreaterThan(0);
    const ids = repRows.map((r) => r.id);
    for (const person of [t.manager, outsider.owner]) {
      const seen = await withRls(claimsOf(person), async (tx) => {
        const n = await tx.query("select id from public.notifications where id = any ($1::uuid[])", [ids]);
        const s = await tx.query("select user_id from public.user_notification_settings where user_id = $1", [
          t.rep.userId,
        ]);
        const d = await tx.query("select id from public.notification_deliveries where user_id = $1", [t.rep.userId]);
        const u = await tx.query("update public.notifications set read_at = now() where id = any ($1::uuid[])", [ids]);
        return [n.rowCount, s.rowCount, d.rowCount, u.rowCount];
      });
      expect(seen).toEqual([0, 0, 0, 0]);
    }
    const own = await withRls(
      claimsOf(t.rep),
      async (tx) => (await tx.query("select id from public.notifications where id = any ($1::uuid[])", [ids])).rowCount,
    );
    expect(own).toBe(ids.length);
    // Nobody writes notification rows directly; only private.create_notifications does.
    await expect(
      withRls(claimsOf(t.rep), (tx) =>
        tx.query(
          "insert into public.notifications (org_id, user_id, kind, category, params) values ($1, $2, 'x', 'approvals', '{\"legacy\": {\"title\": \"Forged\"}}')",
          [t.orgId, t.manager.userId],
        ),
      ),
    ).rejects.toThrow();
    await expect(
      withRls(claimsOf(outsider.owner), (tx) =>
        tx.query("select private.create_notifications($1, $2, $3)", [
          t.orgId,
          [t.rep.userId],
          { kind: "x", category: "approvals", params: { legacy: { title: "Forged" } } },
        ]),
      ),
    ).rejects.toThrow(/Only members/);
  });
});

describe("API", () => {
  it("lists with category and unread filters, pages by keyset, marks read and all read", async () => {
    const lead = await t.owner.browser.post("/api/v1/leads", {
      name: "Paula Pages",
      phone: mobile(),
      ownerId: t.manager.userId,
    });
    for (let i = 0; i < 5; i++) {
      await withService((tx) =>
        notify(tx, {
          kind: "approval_decided",
          orgId: t.orgId,
          taskId: crypto.randomUUID(),
          leadId: lead.body.lead.id,
          conversationId: null,
          decision: "approved",
          decidedBy: t.owner.userId,
          note: `n${i}`,
        }),
      );
    }
    await withService((tx) => notify(tx, { kind: "bant_qualified", orgId: t.orgId, leadId: lead.body.lead.id }));

    const first = await t.manager.browser.get("/api/v1/notifications?category=approvals&limit=2");
    expect(first.status).toBe(200);
    expect(first.body.notifications).toHaveLength(2);
    expect(first.body.notifications.map((n: { message: string }) => n.message)).toEqual(["n4", "n3"]);
    const second = await t.manager.browser.get(
      `/api/v1/notifications?category=approvals&limit=2&cursor=${first.body.nextCursor}`,
    );
    const third = await t.manager.browser.get(
      `/api/v1/notifications?category=approvals&limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(
      [...second.body.notifications, ...third.body.notifications].map((n: { message: string }) => n.message),
    ).toEqual(["n2", "n1", "n0"]);
    expect(third.body.nextCursor).toBeNull();

    const unreadBefore = (await t.manager.browser.get("/api/v1/notifications/unread-count")).body.unread;
    const target = first.body.notifications[0];
    expect((await t.manager.browser.post(`/api/v1/notifications/${target.id}/read`)).status).toBe(200);
    expect((await t.manager.browser.get("/api/v1/notifications/unread-count")).body.unread).toBe(unreadBefore - 1);
    const unreadOnly = await t.manager.browser.get("/api/v1/notifications?unread=true&category=approvals&limit=50");
    expect(unreadOnly.body.notifications.some((n: { id: string }) => n.id === target.id)).toBe(false);

    // Someone else's notification is simply not found.
    expect((await t.rep.browser.post(`/api/v1/notifications/${target.id}/read`)).status).toBe(404);
    expect((await outsider.owner.browser.post(`/api/v1/notifications/${target.id}/read`)).status).toBe(404);

    const all = await t.manager.browser.post("/api/v1/notifications/read-all", { category: "approvals" });
    expect(all.body.updated).toBe(4);
    expect(
      (await t.manager.browser.get("/api/v1/notifications?unread=true&category=approvals")).body.notifications,
    ).toEqual([]);
    expect(
      (await t.manager.browser.get("/api/v1/notifications?unread=true")).body.notifications.length,
    ).toBeGreaterThan(0);
    await t.manager.browser.post("/api/v1/notifications/read-all");
    expect((await t.manager.browser.get("/api/v1/notifications/unread-count")).body.unread).toBe(0);

    expect((await t.manager.browser.get("/api/v1/notifications?category=nope")).status).toBe(422);
    expect((await t.manager.browser.get("/api/v1/notifications?cursor=garbage")).status).toBe(400);
  });

  it("settings: defaults until saved, validation errors per field, saved values come back", async () => {
    const fresh = (await team()).rep;
    const got = await fresh.browser.get("/api/v1/notification-settings");
    expect(got.body.saved).toBe(false);
    expect(got.body.settings).toMatchObject({
      timezone: "UTC", // the app preferences' zone: UTC until the browser or the user sets one
      quietHours: { enabled: true, start: "22:00", end: "08:00" },
      allowUrgentDuringQuiet: false,
    });
    expect(got.body.settings.channels.inbox_messages).toEqual({ in_app: true, email: true, push: false, sms: false });

    const bad = await fresh.browser.put("/api/v1/notification-settings", {
      ...got.body.settings,
      timezone: "Mars/Olympus",
      quietHours: { enabled: true, start: "25:00", end: "08:00" },
    });
    expect(bad.status).toBe(422);
    expect(bad.errors?.timezone?.[0]).toMatch(/time zone/i);
    expect(bad.errors?.["quietHours.start"]?.[0]).toMatch(/HH:MM/);
    const noPhone = await fresh.browser.put("/api/v1/notification-settings", {
      ...got.body.settings,
      channels: { ...got.body.settings.channels, approvals: { in_app: true, email: true, push: false, sms: true } },
    });
    expect(noPhone.status).toBe(422);
    expect(noPhone.errors?.phone).toBeTruthy();

    const next = {
      ...got.body.settings,
      timezone: "America/New_York",
      phone: "+41 79 123 45 67",
      meetingReminderMinutes: 30,
    };
    next.channels.inbox_messages = { in_app: true, email: false, push: false, sms: true };
    const saved = await fresh.browser.put("/api/v1/notification-settings", next);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const again = await fresh.browser.get("/api/v1/notification-settings");
    expect(again.body.saved).toBe(true);
    expect(again.body.settings).toMatchObject({
      timezone: "America/New_York",
      phone: "+41791234567",
      meetingReminderMinutes: 30,
    });
    expect(again.body.settings.channels.inbox_messages).toEqual({ in_app: true, email: false, push: false, sms: true });
  });
});

describe("texts rendered at read time", () => {
  it("a notification is stored as a kind with parameters and rendered in the reader's language", async () => {
    const lead = await t.owner.browser.post("/api/v1/leads", {
      name: "Rita Reader",
      phone: mobile(),
      ownerId: t.rep.userId,
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    await withService((tx) => notify(tx, { kind: "bant_qualified", orgId: t.orgId, leadId: lead.body.lead.id }));

    // Stored: the kind and what its text is made of, no sentence.
    const stored = (await rowsOf(t.rep.userId)).filter(
      (r) => r.kind === "bant_qualified" && r.params.lead === "Rita Reader",
    );
    expect(stored.map((r) => r.params)).toEqual([{ lead: "Rita Reader" }]);

    // Read through the API: kind and parameters for clients that render, and the text in the
    // reader's language (the rep chose none: English).
    const list = await t.rep.browser.get("/api/v1/notifications?category=bant_qualifications");
    const item = list.body.notifications.find((n: { params: { lead?: string } }) => n.params.lead === "Rita Reader");
    expect(item).toMatchObject({
      kind: "bant_qualified",
      params: { lead: "Rita Reader" },
      title: "Rita Reader is BANT qualified",
      message: "Budget, authority, need and timeline are all confirmed.",
    });

    // The same stored row in another reader's catalogue reads in that language.
    const german = translatorOver(
      {
        notificationTexts: {
          aLead: "Ein Lead",
          bant_qualified: {
            title: "{lead} ist BANT-qualifiziert",
            message: "Budget, Befugnis, Bedarf und Zeitplan sind bestätigt.",
          },
        },
      },
      "de",
      "notificationTexts",
    );
    expect(renderNotification(item.kind, item.params, german, heatLineTextFor("de", "UTC"))).toEqual({
      title: "Rita Reader ist BANT-qualifiziert",
      message: "Budget, Befugnis, Bedarf und Zeitplan sind bestätigt.",
    });
  });
});
