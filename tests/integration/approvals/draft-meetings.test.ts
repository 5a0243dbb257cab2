import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDraftContext } from "@/lib/approvals/draft";
import { localProvider } from "@/lib/ai/providers/local";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { team } from "../api/http";
import { mobile } from "../inbox/webhook-client";
import { addSmsLine, leadWritesTo, salesTemplate as sales, type Team } from "./harness";

/**
 * The drafting job reads the lead's meetings through the meetings module, so an offline draft
 * recalls a booking instead of asking the lead what they already arranged.
 */
afterAll(() => closeDatabase());

let t: Team;
let twilioNumber: string;

beforeAll(async () => {
  t = await team();
  twilioNumber = await addSmsLine(t);
  const created = await t.manager.browser.post("/api/v1/agents", { ...sales, name: "Sunny", language: "en" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});

async function addMeeting(leadId: string, fields: { startsAt: string; status: string; timezone: string | null }) {
  await withService((tx) =>
    tx.query(
      `insert into public.meetings (org_id, lead_id, provider, title, starts_at, ends_at, status, timezone, booked_at)
       values ($1, $2, 'manual', 'Site visit', $3, $3::timestamptz + interval '1 hour', $4, $5, now())`,
      [t.orgId, leadId, fields.startsAt, fields.status, fields.timezone],
    ),
  );
}

describe("meetings in the draft context", () => {
  it("a lead with a booked site visit who asks for an update gets a draft that recalls the booking in the invitee's time zone", async () => {
    const conversation = await leadWritesTo(t.orgId, twilioNumber, mobile(), "Hi, we'd like solar on our house.");
    await addMeeting(conversation.lead_id, {
      startsAt: "2026-12-08T09:00:00.000Z",
      status: "scheduled",
      timezone: "Europe/Zurich",
    });
    await addMeeting(conversation.lead_id, {
      startsAt: "2026-11-20T09:00:00.000Z",
      status: "canceled",
      timezone: null,
    });
    const now = new Date("2026-12-03T09:00:00.000Z");
    const context = await withService((tx) => loadDraftContext(tx, t.orgId, conversation.id, now));
    const request = context!.request!;
    expect(request.meetings).toHaveLength(2);
    expect(request.meetings).toEqual(
      expect.arrayContaining([
        { title: "Site visit", startsAt: "2026-12-08T09:00:00.000Z", status: "scheduled", timeZone: "Europe/Zurich" },
        expect.objectContaining({ status: "canceled", startsAt: "2026-11-20T09:00:00.000Z" }),
      ]),
    );

    const outcome = await localProvider().draft({
      ...request,
      history: [...request.history, { direction: "inbound", body: "Any update on this?", at: now.toISOString() }],
    });
    expect(outcome.ok && outcome.result.reply).toContain("Tuesday 8 December at 10:00");
  });

  it("a lead without meetings gets an empty list, so drafts fall back to qualifying questions", async () => {
    const conversation = await leadWritesTo(t.orgId, twilioNumber, mobile(), "Hello, what do you offer?");
    const context = await withService((tx) => loadDraftContext(tx, t.orgId, conversation.id));
    expect(context!.request!.meetings).toEqual([]);
  });
});
