/**
 * WhatsApp templates and proactive outreach in sandbox mode, through the API as people use
 * it: a closed window needs a template, variables are filled from the lead, opt-outs are
 * respected in single and bulk sends, and a bulk send keeps its pace and reports per lead.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { bulkStep } from "@/lib/outreach/bulk";
import { signUpPerson, team } from "../api/http";
import { cloudEnvelope, cloudText, mobile, postTwilio, postWhatsapp, twilioInbound } from "../inbox/webhook-client";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let cloudNumberId: string;
let cloudChannelId: string;
let twilioNumber: string;

beforeAll(async () => {
  t = await team();
  cloudNumberId = String(randomInt(100_000_000, 999_999_999));
  const cloud = await t.admin.browser.post("/api/v1/channels", {
    provider: "whatsapp_cloud",
    address: mobile(),
    phoneNumberId: cloudNumberId,
    capabilities: ["whatsapp"],
    label: "WhatsApp Business",
  });
  expect(cloud.status, JSON.stringify(cloud.body)).toBe(201);
  cloudChannelId = cloud.body.channel.id;
  twilioNumber = mobile();
  const sms = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address: twilioNumber,
    capabilities: ["sms"],
    label: "SMS line",
  });
  expect(sms.status, JSON.stringify(sms.body)).toBe(201);
});

/** A lead who wrote on WhatsApp `daysAgo` days ago, their thread, and the lead's id. */
async function silentWhatsappLead(daysAgo: number, name = "Ana Lima") {
  const from = mobile();
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const response = await postWhatsapp(
    t.orgId,
    cloudEnvelope(cloudNumberId, [
      {
        contacts: [{ wa_id: from.slice(1), profile: { name } }],
        messages: [cloudText(from, "Hello there", undefined, at)],
      },
    ]),
  );
  expect(response.status).toBe(200);
  await settled();
  return withService(async (tx) => {
    const { rows } = await tx.query<{ conversation_id: string; lead_id: string }>(
      `select c.id as conversation_id, c.lead_id from public.conversations c join public.leads l on l.id = c.lead_id
        where l.phone = $1 and c.org_id = $2`,
      [from, t.orgId],
    );
    // The lead has been quiet since: the thread and the lead say so.
    await tx.query("update public.leads set last_activity_at = $2, company = 'Acme' where id = $1", [
      rows[0]!.lead_id,
      at,
    ]);
    return { from, conversationId: rows[0]!.conversation_id, leadId: rows[0]!.lead_id };
  });
}

async function templateNamed(conversationId: string, name: string) {
  const choices = await t.rep.browser.get(`/api/v1/conversations/${conversationId}/templates`);
  expect(choices.status, JSON.stringify(choices.body)).toBe(200);
  return choices.body.templates.find((x: { name: string }) => x.name === name);
}

const lastMessage = async (conversationId: string) =>
  (await t.rep.browser.get(`/api/v1/conversations/${conversationId}/messages`)).body.messages.at(-1);

describe("templates in a thread whose WhatsApp window closed", () => {
  it("a sandbox channel offers its labelled sample templates, approved", async () => {
    const library = await t.rep.browser.get(`/api/v1/channels/${cloudChannelId}/templates`);
    expect(library.status).toBe(200);
    expect(library.body.sandbox).toBe(true);
    expect(library.body.templates.length).toBeGreaterThanOrEqual(3);
    expect(
      library.body.templates.every((x: { sample: boolean; status: string }) => x.sample && x.status === "approved"),
    ).toBe(true);
  });

  it("free text is refused with 422 once the window closed, and a template goes out instead", async () => {
    const lead = await silentWhatsappLead(3);
    const text = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/messages`, {
      body: "Still there?",
    });
    expect(text.status).toBe(422);
    expect(text.body.code).toBe("whatsapp_window_closed");

    const template = await templateNamed(lead.conversationId, "kiln_sample_check_in");
    const sent = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/templates`, {
      templateId: template.id,
      parameters: template.parameters,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await settled();
    const message = await lastMessage(lead.conversationId);
    expect(message.body).toBe(template.preview);
    expect(message.status).toBe("sent");
    const stored = await withService(
      async (tx) => (await tx.query("select template from public.messages where id = $1", [message.id])).rows[0]!,
    );
    expect(stored.template).toMatchObject({ name: "kiln_sample_check_in", parameters: template.parameters });
  });

  it("fills the variables from the lead: first name, owner and company", async () => {
    const lead = await silentWhatsappLead(2, "Bea Kunz");
    await t.manager.browser.patch(`/api/v1/leads/${lead.leadId}`, { ownerId: t.rep.userId });
    const template = await templateNamed(lead.conversationId, "kiln_sample_check_in");
    expect(template.parameters).toEqual(["Bea", expect.any(String), "Acme"]);
    expect(template.parameters[1]).not.toBe("");
    expect(template.preview).toContain("Hi Bea,");
    expect(template.preview).toContain("Acme");
  });

  it("an admin chooses what fills each variable; a rep cannot, and an unknown source is refused", async () => {
    const lead = await silentWhatsappLead(2, "Cleo Brandt");
    const template = await templateNamed(lead.conversationId, "kiln_sample_nachfassen");
    expect(template.parameters[0]).toBe("Cleo Brandt");
    const typed = [{ source: null, example: "Cleo" }, template.variables[1]];
    expect((await t.rep.browser.patch(`/api/v1/templates/${template.id}`, { variables: typed })).status).toBe(403);
    const bad = await t.admin.browser.patch(`/api/v1/templates/${template.id}`, {
      variables: [{ source: "birthday", example: "" }, template.variables[1]],
    });
    expect(bad.status).toBe(422);
    const changed = await t.admin.browser.patch(`/api/v1/templates/${template.id}`, { variables: typed });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // Typed by the sender now: nothing is filled in for the first variable.
    expect((await templateNamed(lead.conversationId, "kiln_sample_nachfassen")).parameters[0]).toBe("");
    const restored = await t.admin.browser.patch(`/api/v1/templates/${template.id}`, { variables: template.variables });
    expect(restored.status).toBe(200);
    expect((await templateNamed(lead.conversationId, "kiln_sample_nachfassen")).parameters[0]).toBe("Cleo Brandt");
  });

  it("refuses a template with an empty variable (422) and an unapproved or foreign template", async () => {
    const lead = await silentWhatsappLead(2);
    const template = await templateNamed(lead.conversationId, "kiln_sample_check_in");
    const empty = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/templates`, {
      templateId: template.id,
      parameters: ["Ana", "", "Acme"],
    });
    expect(empty.status).toBe(422);
    expect(empty.body.errors.parameters).toBeDefined();
    const unknown = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/templates`, {
      templateId: "00000000-0000-4000-8000-000000000000",
      parameters: [],
    });
    expect(unknown.status).toBe(422);
  });

  it("a marketing template needs the lead's opt-in on the channel", async () => {
    const lead = await silentWhatsappLead(2);
    // Writing to us counted as an opt-in; a member records the lead's opt-out by hand.
    const out = await t.rep.browser.put(`/api/v1/leads/${lead.leadId}/consent`, {
      channelKind: "whatsapp",
      status: "opted_out",
    });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    const template = await templateNamed(lead.conversationId, "kiln_sample_meeting_invite");
    expect(template.block).toBe("opted_out");
    await withService((tx) => tx.query("delete from public.lead_channel_consent where lead_id = $1", [lead.leadId]));
    const none = await templateNamed(lead.conversationId, "kiln_sample_meeting_invite");
    expect(none.block).toBe("needs_opt_in");
    const refused = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/templates`, {
      templateId: none.id,
      parameters: ["Ana", "https://cal.example/rep"],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("opt_in_required");
    const optIn = await t.rep.browser.put(`/api/v1/leads/${lead.leadId}/consent`, {
      channelKind: "whatsapp",
      status: "opted_in",
    });
    expect(optIn.body.consent).toEqual([
      expect.objectContaining({ channelKind: "whatsapp", status: "opted_in", source: "manual" }),
    ]);
    const sent = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/templates`, {
      templateId: none.id,
      parameters: ["Ana", "https://cal.example/rep"],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  });

  it("starts a conversation with a template from the lead page", async () => {
    const lead = await silentWhatsappLead(5);
    const choices = await t.rep.browser.get(
      `/api/v1/leads/${lead.leadId}/templates?channelId=${cloudChannelId}&medium=whatsapp`,
    );
    const template = choices.body.templates.find((x: { name: string }) => x.name === "kiln_sample_check_in");
    const started = await t.rep.browser.post(`/api/v1/leads/${lead.leadId}/templates`, {
      channelId: cloudChannelId,
      medium: "whatsapp",
      templateId: template.id,
      parameters: template.parameters,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.conversationId).toBe(lead.conversationId);
  });
});

describe("opt-out", () => {
  it.each(["STOP", "  stop! ", "Abmelden", "הסר", "STOPP"])(
    "an inbound %j opts the lead out, confirms once, and refuses every later message",
    async (word) => {
      const lead = await silentWhatsappLead(0);
      const response = await postWhatsapp(
        t.orgId,
        cloudEnvelope(cloudNumberId, [{ messages: [cloudText(lead.from, word)] }]),
      );
      expect(response.status).toBe(200);
      await settled();
      const consent = await t.rep.browser.get(`/api/v1/leads/${lead.leadId}/consent`);
      expect(consent.body.consent).toEqual([
        expect.objectContaining({ channelKind: "whatsapp", status: "opted_out", source: "keyword" }),
      ]);
      const confirmation = await lastMessage(lead.conversationId);
      expect(confirmation).toMatchObject({ direction: "outbound", authorType: "system" });

      const reply = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/messages`, {
        body: "Sorry!",
      });
      expect(reply.status).toBe(409);
      expect(reply.body.code).toBe("lead_opted_out");
      const template = await templateNamed(lead.conversationId, "kiln_sample_check_in");
      expect(template.block).toBe("opted_out");
      const viaTemplate = await t.rep.browser.post(`/api/v1/conversations/${lead.conversationId}/templates`, {
        templateId: template.id,
        parameters: ["Ana", "Sam", "Acme"],
      });
      expect(viaTemplate.status).toBe(409);

      // Saying it again sends no second confirmation.
      await postWhatsapp(t.orgId, cloudEnvelope(cloudNumberId, [{ messages: [cloudText(lead.from, word)] }]));
      await settled();
      const outbound = await withService(
        async (tx) =>
          (
            await tx.query<{ n: number }>(
              "select count(*)::int as n from public.messages where conversation_id = $1 and direction = 'outbound'",
              [lead.conversationId],
            )
          ).rows[0]!.n,
      );
      expect(outbound).toBe(1);
    },
  );

  it("a sentence that merely contains stop is a conversation, not an opt-out", async () => {
    const lead = await silentWhatsappLead(0);
    await postWhatsapp(
      t.orgId,
      cloudEnvelope(cloudNumberId, [{ messages: [cloudText(lead.from, "please stop by tomorrow")] }]),
    );
    await settled();
    const consent = await t.rep.browser.get(`/api/v1/leads/${lead.leadId}/consent`);
    expect(consent.body.consent).toEqual([expect.objectContaining({ status: "opted_in", source: "inbound_message" })]);
  });

  it("Twilio's own opt-out (OptOutType STOP) opts the SMS lead out without a second confirmation from Kiln", async () => {
    const from = mobile();
    const params = twilioInbound(twilioNumber, from, "STOP", { OptOutType: "STOP" });
    expect((await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", params)).status).toBe(200);
    await settled();
    const row = await withService(
      async (tx) =>
        (
          await tx.query(
            `select k.status, k.source, (select count(*)::int from public.messages m join public.conversations c on c.id = m.conversation_id
                                           where c.lead_id = k.lead_id and m.direction = 'outbound') as outbound
               from public.lead_channel_consent k join public.leads l on l.id = k.lead_id where l.phone = $1`,
            [from],
          )
        ).rows[0],
    );
    expect(row).toMatchObject({ status: "opted_out", source: "provider", outbound: 0 });
  });
});

describe("bulk template sends", () => {
  it("re-engages warm leads silent for 14 days at the chosen pace, skips opted-out leads, and reports per lead", async () => {
    const quiet = [await silentWhatsappLead(20), await silentWhatsappLead(21), await silentWhatsappLead(22)];
    const recent = await silentWhatsappLead(1);
    const ids = [...quiet, recent].map((l) => l.leadId);
    await withService((tx) =>
      tx.query("update public.leads set heat_level = 'warm' where id = any($1::uuid[])", [ids]),
    );
    // One of the quiet leads said STOP long ago.
    await withService((tx) =>
      tx.query("update public.lead_channel_consent set status = 'opted_out', source = 'keyword' where lead_id = $1", [
        quiet[0]!.leadId,
      ]),
    );
    const template = await templateNamed(quiet[1]!.conversationId, "kiln_sample_check_in");
    const started = await t.rep.browser.post("/api/v1/outreach/runs", {
      templateId: template.id,
      silentDays: 14,
      heat: ["warm"],
      ratePerMinute: 2,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const runId = started.body.runId;
    await settled();

    const afterFirst = await t.rep.browser.get(`/api/v1/outreach/runs/${runId}`);
    const recipients = afterFirst.body.recipients as { leadId: string; status: string }[];
    // The recent lead is no recipient; other warm leads of this organization that are silent may be.
    expect(recipients.map((r) => r.leadId)).not.toContain(recent.leadId);
    expect(recipients.map((r) => r.leadId)).toEqual(expect.arrayContaining(quiet.map((q) => q.leadId)));
    // Two a minute: the first step handled one lead only; the rest wait for the next step.
    expect(recipients.filter((r) => r.status !== "pending")).toHaveLength(1);
    expect(afterFirst.body.run.status).toBe("running");

    let step = await bulkStep(runId);
    expect(step.delaySeconds).toBe(30);
    while (step.remaining) step = await bulkStep(runId);
    await settled();

    const report = await t.rep.browser.get(`/api/v1/outreach/runs/${runId}`);
    expect(report.body.run.status).toBe("done");
    const byLead = new Map(
      (report.body.recipients as { leadId: string; status: string; reason: string | null }[]).map((r) => [r.leadId, r]),
    );
    expect(byLead.get(quiet[0]!.leadId)).toMatchObject({ status: "skipped", reason: "opted_out" });
    expect(byLead.get(quiet[1]!.leadId)).toMatchObject({ status: "sent", reason: null });
    expect(byLead.get(quiet[2]!.leadId)).toMatchObject({ status: "sent", reason: null });
    expect(report.body.run.counts.skipped).toBeGreaterThanOrEqual(1);
    expect((await lastMessage(quiet[1]!.conversationId)).body).toContain("Hi Ana,");
    expect((await lastMessage(quiet[0]!.conversationId)).direction).toBe("inbound");

    // The report can be opened later, by its starter and by managers, not by another rep.
    expect((await t.manager.browser.get(`/api/v1/outreach/runs/${runId}`)).status).toBe(200);
    const list = await t.rep.browser.get("/api/v1/outreach/runs");
    expect(list.body.runs.map((r: { id: string }) => r.id)).toContain(runId);
  });

  it("stops a running bulk send: the leads still waiting are skipped as cancelled, what was sent stays", async () => {
    const leads = [await silentWhatsappLead(30), await silentWhatsappLead(31), await silentWhatsappLead(32)];
    const template = await templateNamed(leads[0]!.conversationId, "kiln_sample_check_in");
    const started = await t.rep.browser.post("/api/v1/outreach/runs", {
      templateId: template.id,
      leadIds: leads.map((l) => l.leadId),
      ratePerMinute: 1,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const runId = started.body.runId;
    await settled();

    // Only its starter and managers may stop it; another organization does not even see it.
    const outsider = await signUpPerson({ prefix: "outsider" });
    expect((await outsider.browser.post(`/api/v1/outreach/runs/${runId}/cancel`, {})).status).toBe(404);
    const stopped = await t.rep.browser.post(`/api/v1/outreach/runs/${runId}/cancel`, {});
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body.run.status).toBe("cancelled");
    expect(stopped.body.run.counts).toMatchObject({ sent: 1, skipped: 2, pending: 0 });
    const reasons = (stopped.body.recipients as { status: string; reason: string | null }[]).map((r) => r.reason);
    expect(reasons.filter((r) => r === "cancelled")).toHaveLength(2);
    // The job's next step finds nothing to do, and stopping again changes nothing.
    expect(await bulkStep(runId)).toMatchObject({ remaining: false });
    const again = await t.manager.browser.post(`/api/v1/outreach/runs/${runId}/cancel`, {});
    expect(again.status).toBe(200);
    expect(again.body.run.counts).toMatchObject({ sent: 1, skipped: 2 });
    const audit = await withService((tx) =>
      tx.query("select action from public.audit_log where target_id = $1", [runId]),
    );
    expect(audit.rows).toEqual([{ action: "outreach.run_cancelled" }]);
  });

  it("refuses a bulk send with no matching leads", async () => {
    const lead = await silentWhatsappLead(1);
    const template = await templateNamed(lead.conversationId, "kiln_sample_check_in");
    const none = await t.rep.browser.post("/api/v1/outreach/runs", {
      templateId: template.id,
      silentDays: 365,
      heat: ["burning"],
    });
    expect(none.status).toBe(422);
  });
});

describe("template administration", () => {
  it("an admin writes a template; in sandbox it is approved on the spot, and reps cannot write one", async () => {
    const body = {
      name: "follow_up_offer",
      language: "en",
      category: "utility",
      body: "Hi {{1}}, here is the offer we discussed.",
      variables: [{ source: "firstName", example: "Ana" }],
    };
    expect((await t.rep.browser.post(`/api/v1/channels/${cloudChannelId}/templates`, body)).status).toBe(403);
    const created = await t.admin.browser.post(`/api/v1/channels/${cloudChannelId}/templates`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.template).toMatchObject({ name: "follow_up_offer", status: "approved", provider: "sandbox" });
    const again = await t.admin.browser.post(`/api/v1/channels/${cloudChannelId}/templates`, body);
    expect(again.status).toBe(409);
    const gaps = await t.admin.browser.post(`/api/v1/channels/${cloudChannelId}/templates`, {
      ...body,
      name: "gaps",
      body: "Hi {{2}}",
    });
    expect(gaps.status).toBe(422);
  });
});

describe("the agent proposes a re-engagement template for a cooling lead", () => {
  it("puts a template draft in the approval queue; approved, it goes out as that template", async () => {
    const lead = await silentWhatsappLead(10, "Cleo Cooling");
    const agent = await t.manager.browser.post("/api/v1/agents", { name: "Re-engager", role: "sales" });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    await withService((tx) =>
      tx.query("update public.ai_agents set is_default = true, active = true where id = $1", [agent.body.agent.id]),
    );
    await withService((tx) =>
      tx.query("update public.leads set heat_level = 'warm', owner_id = $2 where id = $1", [lead.leadId, t.rep.userId]),
    );
    const { proposeReengagements } = await import("@/lib/approvals/reengage");
    expect(await proposeReengagements()).toBeGreaterThanOrEqual(1);
    // Proposed once: the next run leaves this thread alone.
    const again = await proposeReengagements();
    const tasks = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string; payload: { draft: string; template: { name: string } } }>(
            "select id, payload from public.hil_tasks where conversation_id = $1 and status = 'pending'",
            [lead.conversationId],
          )
        ).rows,
    );
    expect(tasks).toHaveLength(1);
    expect(again).toBe(0);
    const proposal = tasks[0]!.payload;
    // An approved utility template of the channel that Kiln can fill completely for this lead.
    expect(["kiln_sample_check_in", "follow_up_offer", "kiln_sample_nachfassen"]).toContain(proposal.template.name);
    expect(proposal.draft).toContain("Cleo");

    const approved = await t.manager.browser.post(`/api/v1/approvals/${tasks[0]!.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await settled();
    const message = await lastMessage(lead.conversationId);
    expect(message).toMatchObject({ direction: "outbound", authorType: "agent", status: "sent" });
    const stored = await withService(
      async (tx) => (await tx.query("select template from public.messages where id = $1", [message.id])).rows[0]!,
    );
    expect(stored.template).toMatchObject({ name: proposal.template.name });
    expect(message.body).toBe(proposal.draft);
  });
});
