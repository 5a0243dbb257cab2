import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import type { Driver } from "@/lib/db/types";
import { renderLeadEventReason } from "@/lib/leads/reasons";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { databaseBefore } from "../migration-replay";

/**
 * The migration that turned stored English sentences into kinds and parameters, replayed on
 * a database of its own (a fresh in-memory PGlite): migrated up to the one before it, filled
 * with rows as the old code wrote them, then migrated to the end.
 */
const TEXTS_MIGRATION = "20261203140200";
const notificationTexts = translatorFor("en", "notificationTexts", "UTC");
const timelineReasons = translatorFor("en", "timelineReasons", "UTC");
const heatLines = heatLineTextFor("en", "UTC");
const fieldLabels = translatorFor("en", "leads.fields", "UTC");

let driver: Driver;
const ids = { user: "", org: "", lead: "" };
const query = <T>(sql: string, params: unknown[] = []) =>
  driver.transaction(async (tx) => (await tx.query<T>(sql, params)).rows);

const OLD_NOTIFICATIONS = [
  {
    kind: "heat_changed",
    category: "heat_progressions",
    title: "Ada Lovelace is now hot",
    message: "Heat warm → hot: Replied within an hour (+15)",
    metadata: {},
  },
  {
    kind: "heat_changed",
    category: "lead_updates",
    title: "A lead cooled down to cold",
    message: "Heat warm → cold",
    metadata: {},
  },
  {
    kind: "meeting_canceled",
    category: "calendly_bookings",
    title: "Ada Lovelace canceled a meeting",
    message: "Roof check — Tue, 1 Dec, 10:00 UTC. Reason: Budget frozen",
    metadata: { startsAt: "2026-12-01T10:00:00.000Z" },
  },
  {
    kind: "meeting_reminder",
    category: "meeting_reminders",
    title: "Meeting with Ada Lovelace in 15 min",
    message: "Intro — Tue, 1 Dec, 10:00 UTC",
    metadata: { startsAt: "2026-12-01T10:00:00.000Z" },
  },
  {
    kind: "approval_requested",
    category: "approvals",
    title: "Sales Bot drafted a reply to Ada Lovelace",
    message: "Thanks, we can come on Monday.",
    metadata: {},
  },
  {
    kind: "approval_decided",
    category: "approvals",
    title: "Reply to Ada Lovelace approved",
    message: "The reply was sent.",
    metadata: {},
  },
  {
    kind: "inbound_message",
    category: "inbox_messages",
    title: "New message from Ada Lovelace",
    message: "(attachment)",
    metadata: {},
  },
  {
    kind: "integration_failing",
    category: "integrations",
    title: "Calendly needs to be reconnected",
    message: "The token was revoked.",
    metadata: {},
  },
  // A sentence no pattern knows: kept as it was.
  {
    kind: "inbound_message",
    category: "inbox_messages",
    title: "Something someone wrote by hand",
    message: "Kept as is",
    metadata: {},
  },
];

const OLD_REASONS = [
  { type: "created", reason: "Created by Maya Chen" },
  { type: "created", reason: "Created from an inbound WhatsApp message" },
  { type: "status_changed", reason: "Status new → contacted" },
  { type: "updated", reason: "Updated email, phone" },
  { type: "owner_changed", reason: "Reassigned" },
  { type: "note", reason: "Call back after the trade fair — she asked for {prices}." },
  { type: "heat_override", reason: "CEO called us" },
  { type: "heat_override", reason: "Manual heat override cleared" },
  { type: "heat_changed", reason: "Heat 40 → 62\nReplied within an hour (+15)" },
  { type: "meeting_booked", reason: "Calendly meeting booked: Solar consultation on 2026-12-01 10:00 UTC" },
  {
    type: "meeting_rescheduled",
    reason: "Calendly meeting rescheduled: Solar consultation moved from 2026-12-01 10:00 UTC to 2026-12-02 11:30 UTC",
  },
  { type: "ai_draft_rejected", reason: "Maya Chen rejected the AI's reply: Prices only after the site visit" },
  { type: "signal", reason: "Replied within an hour (+15)" },
  { type: "deleted", reason: "Something the old code never wrote" },
];

beforeAll(async () => {
  const before = await databaseBefore(TEXTS_MIGRATION);
  driver = before.driver;
  await driver.transaction(async (tx) => {
    ids.user = (
      await tx.query<{ id: string }>("insert into auth.users (email) values ('maya@texts.test') returning id")
    ).rows[0]!.id;
    ids.org = (
      await tx.query<{ id: string }>("insert into public.organizations (name) values ('Texts') returning id")
    ).rows[0]!.id;
    await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner')", [
      ids.org,
      ids.user,
    ]);
    ids.lead = (
      await tx.query<{ id: string }>(
        "insert into public.leads (org_id, name) values ($1, 'Ada Lovelace') returning id",
        [ids.org],
      )
    ).rows[0]!.id;
    for (const n of OLD_NOTIFICATIONS) {
      await tx.query(
        "insert into public.notifications (org_id, user_id, kind, category, title, message, metadata) values ($1, $2, $3, $4, $5, $6, $7)",
        [ids.org, ids.user, n.kind, n.category, n.title, n.message, n.metadata],
      );
    }
    for (const [i, e] of OLD_REASONS.entries()) {
      await tx.query(
        "insert into public.lead_events (org_id, lead_id, type, actor_type, reason, created_at) values ($1, $2, $3, 'system', $4, now() + make_interval(secs => $5))",
        [ids.org, ids.lead, e.type, e.reason, i],
      );
    }
  });
  await before.migrateRest();
}, 180_000);

afterAll(async () => {
  await driver?.close();
});

describe("texts stored before kinds and parameters", () => {
  it("a legacy notification sentence is migrated to its kind and parameters", async () => {
    const rows = await query<{ kind: string; params: Record<string, unknown> }>(
      "select kind, params from public.notifications where user_id = $1 order by created_at, id",
      [ids.user],
    );
    const byTitle = new Map(
      rows.map((r) => [renderNotification(r.kind, r.params, notificationTexts, heatLines).title, r]),
    );
    expect(byTitle.get("Ada Lovelace is now hot")?.params).toEqual({
      lead: "Ada Lovelace",
      from: "warm",
      to: "hot",
      reason: "Replied within an hour (+15)",
    });
    expect(byTitle.get("A lead cooled down to cold")?.params).toEqual({
      lead: null,
      from: "warm",
      to: "cold",
      reason: null,
    });
    expect(byTitle.get("Ada Lovelace canceled a meeting")?.params).toEqual({
      lead: "Ada Lovelace",
      title: "Roof check",
      startsAt: "2026-12-01T10:00:00.000Z",
      reason: "Budget frozen",
    });
    expect(byTitle.get("Meeting with Ada Lovelace in 15 min")?.params).toMatchObject({ minutes: 15, title: "Intro" });
    expect(byTitle.get("Sales Bot drafted a reply to Ada Lovelace")?.params).toEqual({
      lead: "Ada Lovelace",
      agent: "Sales Bot",
      preview: "Thanks, we can come on Monday.",
    });
    expect(byTitle.get("Reply to Ada Lovelace approved")?.params).toEqual({
      lead: "Ada Lovelace",
      decision: "approved",
      note: null,
    });
    expect(byTitle.get("New message from Ada Lovelace")?.params).toEqual({ lead: "Ada Lovelace", preview: "" });
    // Its detail sentence matched no known problem: a later migration (20261204030000) made it the
    // generic kind rather than show English to every reader.
    expect(byTitle.get("Calendly needs to be reconnected")?.params).toEqual({
      provider: "calendly",
      status: "needs_reauth",
      problem: { kind: "unknown", params: {} },
    });
    // Every row renders the sentence it was stored as, in English (a meeting's time now in the
    // reader's own format and zone).
    for (const old of OLD_NOTIFICATIONS) {
      const row = byTitle.get(old.title);
      expect(row, old.title).toBeDefined();
      const text = renderNotification(row!.kind, row!.params, notificationTexts, heatLines);
      if (old.kind.startsWith("meeting_"))
        expect(text.message).toMatch(
          new RegExp(`^${old.message.split(" — ")[0]} — Tue, 12/01/2026, 10:00 AM UTC(\\. Reason: Budget frozen)?$`),
        );
      else if (old.kind === "integration_failing")
        expect(text).toEqual({ title: old.title, message: "No further details." });
      else expect(text).toEqual({ title: old.title, message: old.message });
    }
    // The unknown sentence is kept as it was, and nothing else is.
    expect(rows.filter((r) => "legacy" in r.params).map((r) => r.params)).toEqual([
      { legacy: { title: "Something someone wrote by hand", message: "Kept as is" } },
    ]);
    const columns = await query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'notifications' and column_name in ('title', 'message')",
    );
    expect(columns).toEqual([]);
  });

  it("timeline sentences become reason keys; notes and override reasons stay as typed", async () => {
    const rows = await query<{
      type: string;
      reason: string | null;
      reason_key: string | null;
      reason_params: Record<string, unknown>;
    }>(
      "select type, reason, reason_key, reason_params from public.lead_events where lead_id = $1 order by created_at",
      [ids.lead],
    );
    expect(rows.map((r) => r.reason_key)).toEqual([
      "created_by",
      "created_from_message",
      "status_changed",
      "fields_updated",
      "reassigned",
      null,
      null,
      "heat_override_cleared",
      "heat_changed",
      "meeting_booked",
      "meeting_moved",
      "reply_rejected",
      "scoring",
      "legacy",
    ]);
    expect(rows[5]).toMatchObject({
      type: "note",
      reason: "Call back after the trade fair — she asked for {prices}.",
      reason_params: {},
    });
    expect(rows[6]).toMatchObject({ type: "heat_override", reason: "CEO called us" });
    expect(rows[10]!.reason_params).toEqual({
      title: "Solar consultation",
      previousAt: "2026-12-01T10:00:00.000Z",
      startsAt: "2026-12-02T11:30:00.000Z",
    });
    expect(rows[11]!.reason_params).toEqual({ name: "Maya Chen", note: "Prices only after the site visit" });
    // Only free text keeps `reason`; everything renders back to what was stored (meetings in the
    // reader's format now, the rest word for word).
    expect(rows.filter((r) => r.reason !== null).map((r) => r.type)).toEqual(["note", "heat_override"]);
    const rendered = rows.map((r) =>
      renderLeadEventReason(r.reason_key, r.reason_params, r.reason, timelineReasons, heatLines, fieldLabels),
    );
    for (const [i, old] of OLD_REASONS.entries()) {
      if (old.type.startsWith("meeting_"))
        expect(rendered[i]).toMatch(/^Calendly meeting (booked|rescheduled): Solar consultation (on|moved from) /);
      // Field names are shown by the lead form's labels now.
      else if (old.reason === "Updated email, phone") expect(rendered[i]).toBe("Updated Email, Phone");
      else expect(rendered[i]).toBe(old.reason);
    }
  });
});
