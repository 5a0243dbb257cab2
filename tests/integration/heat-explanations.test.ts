import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import en from "@/lib/i18n/messages/en.json";
import { translatorFor, translatorOver } from "@/lib/i18n/translator";
import { renderLeadEventReason } from "@/lib/leads/reasons";
import { createLead } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";
import { applySignals } from "@/lib/leads/signals";
import { heatLineText, intlHeatLineFormat, type HeatLine } from "@/lib/scoring";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { createTestOrg, createTestUser } from "./helpers";
import { databaseBefore } from "./migration-replay";

const HOUR = 3_600_000;

/** A reader whose catalogue Kiln does not ship: German for three lines, in Zurich. */
function germanReader() {
  const messages = {
    heatLines: {
      ...en.heatLines,
      heat_score: "Hitze {from} → {to}",
      last_reply_within: "Letzte Antwort {ago}, innerhalb von {within}",
      meeting_booked_for: "Termin gebucht{via} für {startsAt}",
    },
  };
  const format = createFormatter({ locale: "de", timeZone: "Europe/Zurich" });
  return heatLineText(
    translatorOver(messages, "de", "heatLines", "Europe/Zurich"),
    intlHeatLineFormat((date, options) => format.dateTime(date, options)),
  );
}

describe("heat explanations", () => {
  it("a heat explanation is stored as keys with parameters and rendered in the reader's language", async () => {
    const owner = await createTestUser({ fullName: "Lena Keller" });
    const orgId = await createTestOrg(owner);
    const actor = { type: "user" as const, id: owner.id, name: "Lena Keller" };
    const now = new Date("2026-12-01T08:00:00.000Z");
    const startsAt = "2026-12-03T13:00:00.000Z";

    const leadId = await withRls(owner.claims, async (tx) => {
      const id = await createLead(tx, actor, orgId, { name: "Keyed Explanation" });
      await applySignals(tx, {
        orgId,
        leadId: id,
        actor,
        now,
        signals: [
          { type: "inbound_reply", at: new Date(now.getTime() - 5 * HOUR).toISOString() },
          { type: "meeting_booked", at: now.toISOString(), meetingId: "cal_1", startsAt, source: "Calendly" },
        ],
      });
      return id;
    });

    const stored = await withService(
      async (tx) =>
        (
          await tx.query<{ heat_explanation: HeatLine[]; heat_score: number }>(
            "select heat_explanation, heat_score from public.leads where id = $1",
            [leadId],
          )
        ).rows[0]!,
    );
    // Keys and parameters: numbers, an ISO time, a duration in seconds; no English sentence.
    expect(stored.heat_explanation[0]).toEqual({ key: "heat_score", params: { from: 0, to: stored.heat_score } });
    expect(stored.heat_explanation).toContainEqual({
      key: "last_reply_within",
      params: { ageSeconds: 5 * 3600, withinHours: 24, points: 20 },
    });
    expect(stored.heat_explanation).toContainEqual({
      key: "meeting_booked_for",
      params: { source: "Calendly", startsAt, points: 25 },
    });
    expect(JSON.stringify(stored.heat_explanation)).not.toMatch(/Heat |Last reply|Meeting booked|hours|UTC/);

    // The timeline's heat change carries the same lines.
    const changed = await withService(
      async (tx) =>
        (
          await tx.query<{ reason_key: string; reason_params: { lines: HeatLine[] } }>(
            "select reason_key, reason_params from public.lead_events where lead_id = $1 and type = 'heat_changed'",
            [leadId],
          )
        ).rows[0]!,
    );
    expect(changed.reason_params.lines).toContainEqual({
      key: "meeting_booked_for",
      params: { source: "Calendly", startsAt, points: 25 },
    });

    // Each reader words them in their language and time zone.
    const german = stored.heat_explanation.map(germanReader());
    expect(german[0]).toBe(`Hitze 0 → ${stored.heat_score}`);
    expect(german).toContain("Letzte Antwort 5 hours ago, innerhalb von 24 hours (+20)");
    expect(german).toContain("Termin gebucht via Calendly für 3. Dez. 2026, 14:00 MEZ (+25)");
    const english = stored.heat_explanation.map(heatLineTextFor("en", "America/New_York"));
    expect(english).toContain("Meeting booked via Calendly for Dec 3, 2026, 08:00 AM EST (+25)");
    expect(
      renderLeadEventReason(
        changed.reason_key,
        changed.reason_params,
        null,
        translatorFor("en", "timelineReasons"),
        heatLineTextFor("en"),
        translatorFor("en", "leads.fields"),
      ),
    ).toContain("Last reply 5 hours ago, within 24 hours (+20)");

    // The API answers the lines and the text in the caller's language.
    const lead = await withRls(owner.claims, (tx) => getLead(tx, orgId, leadId));
    expect(lead!.heatLines).toEqual(stored.heat_explanation);
    expect(lead!.heatExplanation[0]).toBe(`Heat 0 → ${stored.heat_score}`);
    expect(lead!.heatExplanation).toContain("Last reply 5 hours ago, within 24 hours (+20)");
  });

  it("a legacy heat explanation is shown as written", async () => {
    const MIGRATION = "20261203150000";
    const { driver, migrateRest } = await databaseBefore(MIGRATION);
    try {
      const old = ["Heat 40 → 62", "Replied within an hour (+15)"];
      await driver.transaction(async (tx) => {
        const user = (
          await tx.query<{ id: string }>("insert into auth.users (email) values ('legacy@heat.test') returning id")
        ).rows[0]!.id;
        const org = (
          await tx.query<{ id: string }>("insert into public.organizations (name) values ('Legacy heat') returning id")
        ).rows[0]!.id;
        await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner')", [org, user]);
        const lead = (
          await tx.query<{ id: string }>(
            "insert into public.leads (org_id, name, heat_explanation) values ($1, 'Old Lead', $2) returning id",
            [org, old],
          )
        ).rows[0]!.id;
        await tx.query(
          `insert into public.lead_events (org_id, lead_id, type, actor_type, reason_key, reason_params)
           values ($1, $2, 'heat_changed', 'system', 'heat_changed', $3)`,
          [org, lead, { scoreFrom: 40, scoreTo: 62, lines: ["Replied within an hour (+15)"] }],
        );
      });
      await migrateRest();

      const [lead] = (
        await driver.transaction((tx) =>
          tx.query<{ heat_explanation: unknown[] }>("select heat_explanation from public.leads"),
        )
      ).rows;
      expect(lead!.heat_explanation).toEqual(old.map((text) => ({ key: "legacy", params: { text } })));
      expect(lead!.heat_explanation.map(germanReader())).toEqual(old);
      const [event] = (
        await driver.transaction((tx) =>
          tx.query<{ reason_key: string; reason_params: Record<string, unknown> }>(
            "select reason_key, reason_params from public.lead_events",
          ),
        )
      ).rows;
      expect(event!.reason_params.lines).toEqual([{ key: "legacy", params: { text: "Replied within an hour (+15)" } }]);
      expect(
        renderLeadEventReason(
          event!.reason_key,
          event!.reason_params,
          null,
          translatorFor("en", "timelineReasons"),
          heatLineTextFor("en"),
          translatorFor("en", "leads.fields"),
        ),
      ).toBe("Heat 40 → 62\nReplied within an hour (+15)");
    } finally {
      await driver.close();
    }
  }, 180_000);
});
