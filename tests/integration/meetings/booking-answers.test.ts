import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { team, uniqueEmail } from "../api/http";
import { booked, newInvitee, postCalendly } from "../calendly/payloads";

/**
 * A Calendly booking's questions and answers (the Invitee's `questions_and_answers`), delivered
 * through the signed webhook: stored on the meeting, shown with it (the meetings API the lead page
 * and meetings page read), and read for BANT — confident findings applied quoting the answer,
 * uncertain ones left as suggestions on the lead.
 */
afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
beforeAll(async () => {
  t = await team();
});

const ANSWERS = [
  { question: "What is your budget?", answer: "We have about CHF 20k set aside for this", position: 0 },
  { question: "When should it be done?", answer: "Perhaps by March, not sure yet", position: 1 },
  { question: "Anything else?", answer: "", position: 2 },
];

describe("Calendly booking answers", () => {
  it("are stored on the meeting and read for BANT: the confident one applied with the answer quoted, the unsure one suggested", async () => {
    const email = uniqueEmail("answers");
    const made = await t.rep.browser.post("/api/v1/leads", { name: "Lena Vogel", email, ownerId: t.rep.userId });
    expect(made.status, made.text).toBe(201);
    const leadId = made.body.lead.id as string;

    const invitee = newInvitee(email);
    const delivered = await postCalendly(t.orgId, booked(invitee, { questions_and_answers: ANSWERS }));
    expect(delivered.status, delivered.text).toBe(200);
    await settled();

    const listed = await t.rep.browser.get(`/api/v1/meetings?tab=all&leadId=${leadId}`);
    expect(listed.body.meetings).toHaveLength(1);
    expect(listed.body.meetings[0].answers).toEqual([
      { question: "What is your budget?", answer: "We have about CHF 20k set aside for this" },
      { question: "When should it be done?", answer: "Perhaps by March, not sure yet" },
      { question: "Anything else?", answer: "" },
    ]);
    const meetingId = listed.body.meetings[0].id as string;

    const lead = (await t.rep.browser.get(`/api/v1/leads/${leadId}`)).body.lead;
    expect(lead.bant.budget).toMatchObject({
      status: "confirmed",
      value: "CHF 20000",
      evidence: { kind: "quote", text: "We have about CHF 20k set aside for this", ref: meetingId },
    });
    expect(lead.bant.timeline.status).toBe("unknown");

    const suggestions = (await t.rep.browser.get(`/api/v1/leads/${leadId}/bant-suggestions`)).body.suggestions;
    expect(suggestions).toEqual([
      expect.objectContaining({ dimension: "timeline", status: "partial", quote: "Perhaps by March, not sure yet" }),
    ]);
    const stored = await withService(
      async (tx) =>
        (await tx.query("select meeting_id, message_id from public.bant_suggestions where lead_id = $1", [leadId]))
          .rows,
    );
    expect(stored).toEqual([{ meeting_id: meetingId, message_id: null }]);

    // The same booking delivered again reads nothing twice.
    expect((await postCalendly(t.orgId, booked(invitee, { questions_and_answers: ANSWERS }))).status).toBe(200);
    await settled();
    expect((await t.rep.browser.get(`/api/v1/leads/${leadId}/bant-suggestions`)).body.suggestions).toHaveLength(1);

    // Accepting the suggestion applies it, quoting the answer and pointing at the booking.
    const accepted = await t.rep.browser.post(`/api/v1/leads/${leadId}/bant-suggestions/${suggestions[0].id}/accept`);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.lead.bant.timeline).toMatchObject({
      status: "partial",
      evidence: { kind: "quote", text: "Perhaps by March, not sure yet", ref: meetingId },
    });
  });
});
