import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { problemTexts } from "@/lib/http/problem";
import { EMAIL_SIGNATURE_MAX_LENGTH } from "@/lib/preferences/schema";
import { drained, leadSends, mailroom, one, rfc822, threadOf, uniqueAddress, type Mailroom } from "./mail";
import { startRelay } from "./relay";

/**
 * The user's email signature (Settings → Preferences) below replies sent by email: a person's
 * reply carries their own, an approved AI draft the approver's, in the text part after "-- " and
 * escaped in the HTML part; the thread keeps the reply as written. The approval card says the
 * draft is an email and names the subject it goes out with. A real SMTP conversation with the
 * local relay of ./relay.ts.
 */

const relay = await startRelay();

afterAll(async () => {
  await closeDatabase();
  await relay.close();
});

const mailTo = async (to: string) => (await relay.mailsTo(to))[0]!;

const normalized = (text: string | undefined) => (text ?? "").replace(/\r\n/g, "\n").trim();

const PREFERENCES = "/api/v1/preferences";
// Characters that must stay text in the HTML part, and a second language.
const MANAGER_SIGNATURE = "Dana Levi · Sales <dana@acme.example>\nAcme Solar & Storage\nדנה לוי";
const ADMIN_SIGNATURE = "Jonas Meier\nAcme Solar";

let room: Mailroom;

beforeAll(async () => {
  expect(env().SMTP_URL).toBeUndefined();
  room = await mailroom();
  Object.assign(env(), { SMTP_URL: relay.url });
});

describe("the email signature preference", () => {
  it("is empty until set, saved trimmed from Settings → Preferences, and read back", async () => {
    const before = await room.t.manager.browser.get(PREFERENCES);
    expect(before.status).toBe(200);
    expect(before.body.preferences.integrations.emailSignature).toBe("");

    const saved = await room.t.manager.browser.patch(PREFERENCES, {
      integrations: { emailSignature: `\n${MANAGER_SIGNATURE}\n\n` },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.preferences.integrations).toMatchObject({ emailSignature: MANAGER_SIGNATURE });
    const after = await room.t.manager.browser.get(PREFERENCES);
    expect(after.body.preferences.integrations.emailSignature).toBe(MANAGER_SIGNATURE);

    // Each person's own: the admin's is still empty.
    const admin = await room.t.admin.browser.get(PREFERENCES);
    expect(admin.body.preferences.integrations.emailSignature).toBe("");

    // It travels with the settings export like every other preference.
    const exported = await room.t.manager.browser.get("/api/v1/settings/export");
    expect(exported.status).toBe(200);
    expect(JSON.parse(exported.text).sections.preferences.integrations.emailSignature).toBe(MANAGER_SIGNATURE);
  });

  it(`longer than ${EMAIL_SIGNATURE_MAX_LENGTH} characters is a 422 on the field, and the stored one stays`, async () => {
    const refused = await room.t.manager.browser.patch(PREFERENCES, {
      integrations: { emailSignature: "x".repeat(EMAIL_SIGNATURE_MAX_LENGTH + 1) },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors["integrations.emailSignature"]).toEqual([
      problemTexts("en").validation("tooBig", { origin: "string", maximum: EMAIL_SIGNATURE_MAX_LENGTH }),
    ]);
    const after = await room.t.manager.browser.get(PREFERENCES);
    expect(after.body.preferences.integrations.emailSignature).toBe(MANAGER_SIGNATURE);

    // The table holds the same bound for a row written around the API.
    await expect(
      withService((tx) =>
        tx.query(
          `update public.user_app_preferences
              set integration_settings = jsonb_set(integration_settings, '{emailSignature}', to_jsonb(repeat('x', $2)))
            where user_id = $1`,
          [room.t.manager.userId, EMAIL_SIGNATURE_MAX_LENGTH + 1],
        ),
      ),
    ).rejects.toThrow(/user_app_preferences_email_signature_length/);
  });
});

describe("a signature below replies by email", () => {
  it("an approved AI draft goes out with the approving manager's signature, in the text and escaped in the HTML; the card named the email and its subject", async () => {
    const agent = await room.t.manager.browser.post("/api/v1/agents", {
      ...AGENT_TEMPLATES.find((template) => template.role === "sales")!,
      name: "Sunny",
      language: "en",
    });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    const writer = uniqueAddress("signed");
    const asked = `asked-${writer}`;
    await leadSends(
      room,
      rfc822(
        {
          From: `Noa Adler <${writer}>`,
          To: room.mailbox,
          Subject: "AW: Heat pump for our house",
          "Message-ID": `<${asked}>`,
        },
        [
          "Hi, we have about CHF 20k for a heat pump and want it before winter. I am the owner.",
          "",
          `On Mon, 30 Nov 2026 at 09:00, Acme Solar <${room.mailbox}> wrote:`,
          "> Our biggest client set aside CHF 500,000 and signed within a week.",
        ].join("\r\n"),
      ),
    );
    const thread = await threadOf(room, asked);

    // The queue and the card: an email draft, with the subject it will go out with.
    const queue = await room.t.manager.browser.get("/api/v1/approvals?status=pending");
    const task = queue.body.tasks.find(
      (candidate: { conversation: { id: string } | null }) => candidate.conversation?.id === thread!.conversation_id,
    );
    expect(task, JSON.stringify(queue.body.tasks)).toMatchObject({
      conversation: { channel: "email", email: { subject: "Re: Heat pump for our house" } },
    });
    const card = await room.t.manager.browser.get(`/api/v1/approvals/${task.id}`);
    expect(card.status).toBe(200);
    expect(card.body.task.conversation.email).toEqual({ subject: "Re: Heat pump for our house" });
    // The offline draft is a letter: greeting line, sign-off with the agent's name, no signature of its own.
    const draft: string = task.payload.draft;
    // The draft read the lead's own words: the quoted history was cut on ingest.
    expect(task.payload.bant.budget).toMatchObject({ value: expect.stringMatching(/20/) });
    expect(JSON.stringify(task.payload)).not.toMatch(/500/);
    expect(draft).toMatch(/^Hi Noa,\n\n/);
    expect(draft).toMatch(/\n\nBest regards,\nSunny$/);
    expect(draft).not.toContain("-- ");

    const approved = await room.t.manager.browser.post(`/api/v1/approvals/${task.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await drained();

    const mail = await mailTo(writer);
    expect(mail.subject).toBe("Re: Heat pump for our house");
    expect(normalized(mail.text)).toBe(`${draft}\n\n-- \n${MANAGER_SIGNATURE}`);
    expect(mail.html).toContain(
      "-- <br>Dana Levi · Sales &lt;dana@acme.example&gt;<br>Acme Solar &amp; Storage<br>דנה לוי</div>",
    );
    expect(mail.html).not.toContain("<dana@acme.example>");
    expect((mail.html as string).indexOf("Sunny")).toBeLessThan((mail.html as string).indexOf("Dana Levi"));

    // The thread shows the reply as approved; the email part as sent.
    const stored = await one<{ body: string; text_body: string; subject: string }>(
      `select m.body, e.text_body, e.subject from public.messages m join public.email_messages e on e.message_id = m.id
        where m.id = $1`,
      [approved.body.messageId],
    );
    expect(stored!.body.trim()).toBe(draft.trim());
    expect(stored!.text_body).toContain(`-- \n${MANAGER_SIGNATURE}`);

    // Once sent, the card names the subject it went out with.
    const sent = await room.t.manager.browser.get(`/api/v1/approvals/${task.id}`);
    expect(sent.body.task).toMatchObject({
      status: "approved",
      conversation: { email: { subject: "Re: Heat pump for our house" } },
    });
  });

  it("a person's reply carries their own signature, and no one else's", async () => {
    const saved = await room.t.admin.browser.patch(PREFERENCES, { integrations: { emailSignature: ADMIN_SIGNATURE } });
    expect(saved.status).toBe(200);
    const writer = uniqueAddress("person");
    const asked = `asked-${writer}`;
    await leadSends(
      room,
      rfc822(
        { From: writer, To: room.mailbox, Subject: "Battery", "Message-ID": `<${asked}>` },
        "Do you sell batteries?",
      ),
    );
    const thread = await threadOf(room, asked);
    const body = "Yes, we do. An offer follows.";
    const sent = await room.t.admin.browser.post(`/api/v1/conversations/${thread!.conversation_id}/messages`, {
      body,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await drained();
    const mail = await mailTo(writer);
    expect(normalized(mail.text)).toBe(`${body}\n\n-- \n${ADMIN_SIGNATURE}`);
    expect(mail.html).toContain("-- <br>Jonas Meier<br>Acme Solar</div>");
    expect(mail.text).not.toContain("Dana Levi");
  });

  it("a person without a signature sends the reply as written", async () => {
    const writer = uniqueAddress("unsigned");
    const asked = `asked-${writer}`;
    await leadSends(
      room,
      rfc822({ From: writer, To: room.mailbox, Subject: "Roof", "Message-ID": `<${asked}>` }, "Is my roof suitable?"),
    );
    const thread = await threadOf(room, asked);
    const sent = await room.t.owner.browser.post(`/api/v1/conversations/${thread!.conversation_id}/messages`, {
      body: "We will check it on site.",
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await drained();
    const mail = await mailTo(writer);
    expect(normalized(mail.text)).toBe("We will check it on site.");
    expect(mail.html).not.toContain("signature");
  });
});
