import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { database } from "@/lib/db/client";
import { translatorFor } from "@/lib/i18n/translator";
import { queueDueGmailSyncs } from "@/lib/integrations/google/gmail-start";
import { runGmailSync } from "@/lib/integrations/google/gmail-sync";
import { queueSyncJob } from "@/lib/sync/jobs";
import { gmailSyncJob, gmailSyncRunJob } from "@/lib/integrations/google/gmail-workers";
import { JOB_CATALOG } from "@/lib/jobs/catalog";
import { settled } from "@/lib/jobs/soon";
import { renderSyncError } from "@/lib/sync/kinds";
import { Browser, team, type Person } from "../api/http";
import { drained, leadSends, type Mailroom } from "../email/mail";
import type { FakeGmail } from "../google/fake-gmail";
import {
  connectGmail,
  gmailRun,
  gmailSuite,
  leadAndGmail,
  rawMail,
  reasonCounts,
  syncMailbox,
  uniqueMessageId,
} from "./harness";

/**
 * A member's Gmail into the inbox, against the Gmail stand-in over real HTTP with Google's
 * official client: the initial sync of the last 30 days (paged, page after page within a job's
 * time budget, the next job queued at once when it runs out), what is kept (mail concerning a
 * lead) and how (the member's own mail outbound), the incremental sync from the history id,
 * mail deleted or trashed in Gmail (kept in Kiln, marked), one email stored once however it
 * arrives, the fall back to a full sync when Gmail forgot the history, and the search API with
 * its validation and tenancy. Every run is a sync job of the shared bookkeeping (lib/sync): its
 * kind, progress committed page by page, an event per message, failures as kinds, "sync now" and
 * the every-minute schedule.
 */

let fake: FakeGmail;
let room: Mailroom;
gmailSuite((gmail, mailroom) => {
  fake = gmail;
  room = mailroom;
});

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
let rep: Person;
let account: string;
let lead: { id: string; email: string };
const leadFrom = () => `Greta Gruber <${lead.email}>`;
/** The Google account the member connected (the OAuth stand-in's subject). */
let sub: string;

type Row = Record<string, unknown>;
const rows = (sql: string, params: unknown[]) => withService(async (tx) => (await tx.query<Row>(sql, params)).rows);

/** A stored email's message, email part and conversation, by Message-ID. */
const stored = (rfcMessageId: string) =>
  rows(
    `select m.id, m.conversation_id, m.direction, m.author_type, m.author_id, m.body, m.status, e.subject, e.text_body,
            e.html_body, e.from_address, c.lead_id, c.last_message_direction, c.unread_count
       from public.email_messages e join public.messages m on m.id = e.message_id
       join public.conversations c on c.id = m.conversation_id
      where e.org_id = $1 and e.rfc_message_id = $2`,
    [room.t.orgId, rfcMessageId],
  );
const messagesIn = (conversationId: unknown) =>
  rows("select direction, author_type, body from public.messages where conversation_id = $1 order by created_at", [
    conversationId,
  ]);
const replySignals = async () =>
  Number(
    (
      await rows(
        "select count(*)::int as n from public.lead_events where lead_id = $1 and type = 'signal' and data ->> 'signal' = 'inbound_reply'",
        [lead.id],
      )
    )[0]!.n,
  );

const ids = {
  first: uniqueMessageId("alpenglas.test"),
  ownReply: uniqueMessageId("mail.northwind-mail.test"),
  newsletter: uniqueMessageId("bakery-weekly.test"),
  old: uniqueMessageId("alpenglas.test"),
  cc: uniqueMessageId("alpenglas-partner.test"),
  draft: uniqueMessageId("mail.northwind-mail.test"),
  answer: uniqueMessageId("alpenglas.test"),
};
const THREAD = "18c0thread0001";

beforeAll(async () => {
  rep = room.t.rep;
  ({ account, lead } = await leadAndGmail(fake, rep));
  sub = fake.google.account.sub;
});

/** Where the member's Gmail sync continues, as the bookkeeping keeps it. */
const gmailCursor = async (person: Person) =>
  JSON.parse(
    String(
      (
        await rows(
          "select cursor from public.google_sync_state where user_id = $1 and org_id = $2 and target = 'gmail'",
          [person.userId, person.orgId],
        )
      )[0]?.cursor ?? "null",
    ),
  );

/** A promise a test resolves by hand, to hold the stand-in in the middle of a sync. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("the job", () => {
  it("is in the catalogue: sync.gmail every minute, each mailbox's run as sync.gmail.job", () => {
    expect(JOB_CATALOG).toContain(gmailSyncJob);
    expect(JOB_CATALOG).toContain(gmailSyncRunJob);
    expect([gmailSyncJob.name, gmailSyncJob.schedule]).toEqual(["sync.gmail", "* * * * *"]);
    expect([gmailSyncRunJob.name, gmailSyncRunJob.schedule]).toEqual(["sync.gmail.job", undefined]);
  });
});

describe("the initial sync", () => {
  it("keeps a lead's thread from the last 30 days, page by page in one job, and skips unrelated mail, old mail and drafts", async () => {
    fake.deliver(
      account,
      rawMail({
        from: leadFrom(),
        to: account,
        subject: "Angebot Solaranlage",
        messageId: ids.first,
        charset: "iso-8859-1",
        text: "Grüße aus Zürich,\nwir brauchen 40 Module bis März.\n",
        html: "<p>Grüße aus Zürich,</p><p>wir brauchen 40 Module bis März.</p>",
        attachment: { name: "dach.csv", type: "text/csv", content: Buffer.from("fläche;m2\nsüd;62\n", "latin1") },
      }),
      { threadId: THREAD, receivedAt: daysAgo(5) },
    );
    fake.deliver(
      account,
      rawMail({
        from: `Ada Lovelace <${account}>`,
        to: leadFrom(),
        subject: "Re: Angebot Solaranlage",
        messageId: ids.ownReply,
        inReplyTo: ids.first,
        references: [ids.first],
        charset: "windows-1252",
        text: "Gern, das Angebot folgt morgen.\n\nAm Montag schrieb Greta Gruber:\n> Grüße aus Zürich,\n> wir brauchen 40 Module bis März.\n",
      }),
      { threadId: THREAD, receivedAt: daysAgo(4), labels: ["SENT"] },
    );
    fake.deliver(
      account,
      rawMail({
        from: "Bakery Weekly <news@bakery-weekly.test>",
        to: account,
        subject: "Fresh rolls",
        messageId: ids.newsletter,
        text: "This week: rye.",
      }),
      { receivedAt: daysAgo(3) },
    );
    fake.deliver(
      account,
      rawMail({ from: leadFrom(), to: account, subject: "Alte Anfrage", messageId: ids.old, text: "Von früher." }),
      { receivedAt: daysAgo(45) },
    );
    fake.deliver(
      account,
      rawMail({
        from: "Jon Partner <jon@alpenglas-partner.test>",
        to: account,
        cc: leadFrom(),
        subject: "Montage",
        messageId: ids.cc,
        text: "We can mount in April.",
      }),
      { receivedAt: daysAgo(2) },
    );
    fake.deliver(
      account,
      rawMail({ from: account, to: lead.email, subject: "Entwurf", messageId: ids.draft, text: "Noch nicht fertig" }),
      { receivedAt: daysAgo(1), labels: ["DRAFT"] },
    );
    fake.pageSize = 2;

    // Five messages in 30 days, two a page: one job reads the three pages, well within its time budget.
    // The second page is held, to read the job while it runs: the first page's progress is committed.
    const secondPage = gate();
    const atSecondPage = gate();
    fake.hold = async (call) => {
      if (/\/messages\?.*pageToken=/.test(call)) {
        atSecondPage.open();
        await secondPage.opened;
      }
    };
    const started = await rep.browser.post("/api/v1/sync/gmail");
    expect(started.status, started.text).toBe(202);
    expect(started.body).toEqual({ jobId: expect.any(String), alreadyQueued: false });
    await atSecondPage.opened;
    const during = await gmailRun(rep, started.body.jobId);
    expect(during.job).toMatchObject({
      target: "gmail",
      kind: "initial",
      status: "running",
      counts: { seen: 2, created: 1, updated: 0, deleted: 0, skipped: 1 },
    });
    // "Sync now" again meanwhile joins the running job.
    const again = await rep.browser.post("/api/v1/sync/gmail");
    expect(again.body).toEqual({ jobId: started.body.jobId, alreadyQueued: true });
    fake.hold = null;
    secondPage.open();
    await settled();
    await drained();

    const first = await gmailRun(rep, started.body.jobId);
    expect(first.job).toMatchObject({
      kind: "initial",
      status: "succeeded",
      error: null,
      counts: { seen: 5, created: 3, updated: 0, deleted: 0, skipped: 2 },
    });
    expect(reasonCounts(first)).toEqual({ lead_email: 3, draft: 1, no_lead: 1 });
    expect(first.events.every((e) => e.provider_id && e.action !== "resync")).toBe(true);
    expect(
      fake.calls.filter((call) => call.includes("/messages?") && decodeURIComponent(call).includes("q=newer_than:30d")),
    ).toHaveLength(3);
    // Read to its end: the cursor is the history id, and nothing waits to go on.
    expect(await gmailCursor(rep)).toEqual({ historyId: expect.any(String) });
    expect((await syncMailbox(rep)).job).toMatchObject({ kind: "incremental", counts: { seen: 0 } });

    expect(await stored(ids.newsletter)).toEqual([]);
    expect(await stored(ids.old)).toEqual([]);
    expect(await stored(ids.draft)).toEqual([]);
    const [cc] = await stored(ids.cc);
    expect(cc).toMatchObject({ lead_id: lead.id, direction: "inbound" });
  });

  it("files the lead's email with its charset decoded, its own words and its file, in the Gmail thread's conversation", async () => {
    const [first] = await stored(ids.first);
    expect(first).toMatchObject({
      lead_id: lead.id,
      direction: "inbound",
      author_type: "lead",
      status: "received",
      subject: "Angebot Solaranlage",
    });
    expect(first!.body).toContain("Grüße aus Zürich");
    expect(first!.html_body).toContain("bis März");
    const files = await rows("select file_name, content_type from public.message_attachments where message_id = $1", [
      first!.id,
    ]);
    expect(files).toEqual([{ file_name: "dach.csv", content_type: "text/csv" }]);
    // The reply came first in the listing (newest first) and opened the thread; the original joined it by Gmail's thread id.
    const [reply] = await stored(ids.ownReply);
    expect(reply!.conversation_id).toBe(first!.conversation_id);
  });

  it("stores the member's own sent mail as outbound, by them, without its quote, and not as a lead reply", async () => {
    const [reply] = await stored(ids.ownReply);
    expect(reply).toMatchObject({
      direction: "outbound",
      author_type: "user",
      author_id: rep.userId,
      status: "sent",
      from_address: account,
    });
    expect(reply!.body).toBe("Gern, das Angebot folgt morgen.");
    expect(reply!.text_body).toContain("> Grüße aus Zürich");
    expect(await messagesIn(reply!.conversation_id)).toEqual([
      { direction: "inbound", author_type: "lead", body: expect.stringContaining("40 Module") },
      { direction: "outbound", author_type: "user", body: "Gern, das Angebot folgt morgen." },
    ]);
    // The lead's two emails (theirs and the one they were copied on) are replies; the member's is not.
    expect(await replySignals()).toBe(2);
  });
});

describe("a large initial sync", () => {
  it("a job that runs out of its time budget ends with its progress and queues the next at once, which goes on where it stopped", async () => {
    const admin = room.t.admin;
    const theirs = await leadAndGmail(fake, admin);
    for (const [n, days] of [
      [1, 3],
      [2, 2],
      [3, 1],
    ] as const)
      fake.deliver(
        theirs.account,
        rawMail({
          from: `Greta Gruber <${theirs.lead.email}>`,
          to: theirs.account,
          subject: `Dachziegel ${n}`,
          messageId: uniqueMessageId("alpenglas.test"),
          text: `Muster ${n}`,
        }),
        { receivedAt: daysAgo(days) },
      );
    const pageSize = fake.pageSize;
    fake.pageSize = 1;
    try {
      const [connection] = await rows("select id from public.google_connections where org_id = $1 and user_id = $2", [
        admin.orgId,
        admin.userId,
      ]);
      const c = { orgId: admin.orgId, userId: admin.userId, connectionId: String(connection!.id) };
      const active = () =>
        rows("select id, status from public.sync_jobs where connection_id = $1 and status in ('queued', 'running')", [
          c.connectionId,
        ]);
      // Read from the queue itself (pg-boss's schema, outside the app's roles).
      const handedOn = (jobId: string) =>
        database().then((db) =>
          db.transaction(async (tx) => {
            const { rows: found } = await tx.query<{ n: number }>(
              "select count(*)::int as n from pgboss.job where name = 'sync.gmail.job' and data ->> 'jobId' = $1",
              [jobId],
            );
            return found[0]!.n;
          }),
        );

      // No time at all: each job reads one page (at least one), and the next is queued as it ends.
      const jobIds = [(await withService((tx) => queueSyncJob(tx, c, "gmail"))).id];
      for (let guard = 0; guard < 5; guard++) {
        await runGmailSync(jobIds.at(-1)!, 0);
        const next = await active();
        if (!next.length) break;
        // One job per connection still: the next waits, already on the workers' queue.
        expect(next).toEqual([{ id: expect.any(String), status: "queued" }]);
        expect(await handedOn(String(next[0]!.id))).toBe(1);
        expect((await gmailCursor(admin)).full).toMatchObject({ kind: "initial", pageToken: String(jobIds.length) });
        jobIds.push(String(next[0]!.id));
      }
      expect(jobIds).toHaveLength(3);
      const runs = await Promise.all(jobIds.map((id) => gmailRun(admin, id)));
      expect(runs.map((run) => run.job)).toEqual(
        jobIds.map(() =>
          expect.objectContaining({
            kind: "initial",
            status: "succeeded",
            counts: { seen: 1, created: 1, updated: 0, deleted: 0, skipped: 0 },
          }),
        ),
      );
      expect(await gmailCursor(admin)).toEqual({ historyId: expect.any(String) });
    } finally {
      fake.pageSize = pageSize;
    }
  });
});

describe("the incremental sync", () => {
  it("reads what Gmail added since the history id and files the lead's answer in the same conversation", async () => {
    fake.pageSize = 100;
    const before = await replySignals();
    fake.deliver(
      account,
      rawMail({
        from: leadFrom(),
        to: account,
        subject: "Re: Re: Angebot Solaranlage",
        messageId: ids.answer,
        inReplyTo: ids.ownReply,
        references: [ids.first, ids.ownReply],
        text: "Passt, bitte mit Speicher.\n\nOn Tue, Ada Lovelace wrote:\n> Gern, das Angebot folgt morgen.\n",
      }),
      { threadId: THREAD },
    );
    const run = await syncMailbox(rep);
    expect(run.job).toMatchObject({ kind: "incremental", status: "succeeded", counts: { seen: 1, created: 1 } });
    expect(run.events).toEqual([{ action: "created", reason: "lead_email", provider_id: expect.any(String) }]);
    expect(fake.calls.at(-2)).toMatch(/^GET \/gmail\/v1\/users\/me\/history\?.*startHistoryId=\d+/);

    const [answer] = await stored(ids.answer);
    const [first] = await stored(ids.first);
    expect(answer).toMatchObject({
      conversation_id: first!.conversation_id,
      author_type: "lead",
      body: "Passt, bitte mit Speicher.",
      last_message_direction: "inbound",
    });
    expect(answer!.unread_count).toBeGreaterThan(0);
    expect(await replySignals()).toBe(before + 1);

    // Nothing new: a run reads the history and files nothing.
    const idle = await syncMailbox(rep);
    expect(idle.job).toMatchObject({ kind: "incremental", status: "succeeded", counts: { seen: 0, created: 0 } });
    expect(idle.events).toEqual([]);

    // A second idle run replaces the first in the list (the newest empty check stays), so a
    // quiet mailbox checked every minute does not push real runs out of it.
    const again = await syncMailbox(rep);
    const listed = (await rep.browser.get("/api/v1/sync/jobs?target=gmail&limit=100")).body.jobs.map(
      (j: { id: string }) => j.id,
    );
    expect(listed).toContain(again.job.id);
    expect(listed).not.toContain(idle.job.id);
    expect(listed).toContain(run.job.id);
  });

  it("falls back to a full sync when Gmail no longer keeps the history id (404)", async () => {
    fake.expireHistory(account);
    const late = uniqueMessageId("alpenglas.test");
    fake.deliver(
      account,
      rawMail({
        from: leadFrom(),
        to: account,
        subject: "Noch eine Frage",
        messageId: late,
        text: "Gibt es Förderung?",
      }),
    );
    const run = await syncMailbox(rep);
    expect(run.job).toMatchObject({ kind: "full_resync", status: "succeeded", counts: { seen: 7, created: 1 } });
    expect(run.events[0]).toEqual({ action: "resync", reason: "history_expired", provider_id: null });
    // Everything else of the 30 days was known already: not fetched again.
    expect(reasonCounts(run)).toEqual({ history_expired: 1, already_synced: 4, no_lead: 1, draft: 1, lead_email: 1 });
    expect(await stored(late)).toHaveLength(1);
    expect(await gmailCursor(rep)).toEqual({ historyId: expect.any(String) });
    // And the sync is incremental again from the history id taken then.
    expect((await syncMailbox(rep)).job).toMatchObject({ kind: "incremental", counts: { seen: 0 } });
  });
});

describe("one email, one message", () => {
  it("an email the inbound webhook delivered is linked when Gmail has it too, not stored again", async () => {
    const id = uniqueMessageId("alpenglas.test");
    const raw = rawMail({
      from: leadFrom(),
      to: room.mailbox,
      cc: account,
      subject: "Termin",
      messageId: id,
      text: "Dienstag passt.",
    });
    await leadSends(room, raw);
    expect(await stored(id)).toHaveLength(1);
    fake.deliver(account, raw);
    const run = await syncMailbox(rep);
    expect(run.job.counts).toMatchObject({ seen: 1, created: 0, updated: 1 });
    expect(reasonCounts(run)).toEqual({ already_in_inbox: 1 });
    const copies = await stored(id);
    expect(copies).toHaveLength(1);
    expect(await rows("select 1 from public.gmail_messages where message_id = $1", [copies[0]!.id])).toHaveLength(1);
  });

  it("an email synced from Gmail first is not stored again when the webhook delivers it, nor when Gmail lists it twice", async () => {
    const id = uniqueMessageId("alpenglas.test");
    const raw = rawMail({
      from: leadFrom(),
      to: account,
      cc: room.mailbox,
      subject: "Dach",
      messageId: id,
      text: "Fotos folgen.",
    });
    fake.deliver(account, raw);
    expect((await syncMailbox(rep)).job.counts).toMatchObject({ created: 1 });
    await leadSends(room, raw);
    // The same bytes again in the mailbox (another Gmail message, as a forward to oneself can make).
    fake.deliver(account, raw);
    expect((await syncMailbox(rep)).job.counts).toMatchObject({ created: 0, updated: 1 });
    expect(await stored(id)).toHaveLength(1);
    expect(
      await rows(
        "select 1 from public.gmail_messages g join public.email_messages e on e.message_id = g.message_id where e.rfc_message_id = $1",
        [id],
      ),
    ).toHaveLength(2);
  });
});

describe("mail deleted in Gmail", () => {
  const leadMail = (subject: string) =>
    fake.deliver(
      account,
      rawMail({ from: leadFrom(), to: account, subject, messageId: uniqueMessageId("alpenglas.test"), text: subject }),
    );
  /** When this mailbox's link was marked deleted (null: it is there), or "unlinked" for mail Kiln never kept. */
  const deletedAt = async (gmailId: string) => {
    const [link] = await rows("select deleted_at from public.gmail_messages where gmail_message_id = $1", [gmailId]);
    return link ? link.deleted_at : "unlinked";
  };
  /** The thread's message as the rep reads it (`GET /api/v1/conversations/<id>/messages`). */
  const inThread = async (gmailId: string) => {
    const [link] = await rows(
      "select message_id, conversation_id from public.gmail_messages where gmail_message_id = $1",
      [gmailId],
    );
    const page = await rep.browser.get(`/api/v1/conversations/${String(link!.conversation_id)}/messages`);
    expect(page.status, page.text).toBe(200);
    return page.body.messages.find((m: { id: string }) => m.id === link!.message_id);
  };
  let trashed: string;
  let removed: string;

  it("a lead's email deleted for good or moved to the trash stays in Kiln, marked deleted in that mailbox, with a 'deleted' event; the thread says so", async () => {
    trashed = leadMail("Wechselrichter").id;
    removed = leadMail("Dachrinne").id;
    const unrelated = fake.deliver(
      account,
      rawMail({
        from: "news@bakery-weekly.test",
        to: account,
        subject: "Brezeln",
        messageId: uniqueMessageId("bakery-weekly.test"),
        text: "Brezeln",
      }),
    ).id;
    expect((await syncMailbox(rep)).job.counts).toMatchObject({ seen: 3, created: 2 });

    fake.trash(account, trashed);
    fake.remove(account, removed);
    fake.remove(account, unrelated);
    const run = await syncMailbox(rep);
    expect(run.job).toMatchObject({
      kind: "incremental",
      status: "succeeded",
      counts: { seen: 2, created: 0, updated: 0, deleted: 2, skipped: 0 },
    });
    // One statement records both: their order among themselves is not kept.
    expect(run.events).toHaveLength(2);
    expect(run.events).toEqual(
      expect.arrayContaining([
        { action: "deleted", reason: "deleted_in_gmail", provider_id: trashed },
        { action: "deleted", reason: "deleted_in_gmail", provider_id: removed },
      ]),
    );
    expect(await deletedAt(trashed)).toBeInstanceOf(Date);
    expect(await deletedAt(removed)).toBeInstanceOf(Date);
    expect(await deletedAt(unrelated)).toBe("unlinked");

    // The CRM's record stays: the message, its words, its thread; the bubble says it is gone from Gmail.
    expect(await inThread(trashed)).toMatchObject({ body: "Wechselrichter", email: { deletedInGmail: true } });
    expect(await inThread(removed)).toMatchObject({ body: "Dachrinne", email: { deletedInGmail: true } });
    const [answer] = await stored(ids.answer);
    const page = await rep.browser.get(`/api/v1/conversations/${String(answer!.conversation_id)}/messages`);
    expect(page.body.messages.every((m: { email: { deletedInGmail: boolean } }) => !m.email.deletedInGmail)).toBe(true);
    expect(translatorFor("en", "inbox")("message.deletedInGmail")).toBe("Deleted in Gmail");
    expect(translatorFor("de", "inbox")("message.deletedInGmail")).toBe("In Gmail gelöscht");
    expect(translatorFor("he", "inbox")("message.deletedInGmail")).toContain("Gmail");

    // Read again, nothing new happened: nothing is recorded twice.
    const idle = await syncMailbox(rep);
    expect(idle.events).toEqual([]);
    expect(idle.job.counts).toMatchObject({ seen: 0, deleted: 0 });
  });

  it("taken out of the trash, the mark is cleared (an 'updated' event)", async () => {
    fake.untrash(account, trashed);
    const run = await syncMailbox(rep);
    expect(run.job.counts).toMatchObject({ seen: 1, updated: 1, deleted: 0 });
    expect(run.events).toEqual([{ action: "updated", reason: "restored_in_gmail", provider_id: trashed }]);
    expect(await deletedAt(trashed)).toBeNull();
    expect(await inThread(trashed)).toMatchObject({ email: { deletedInGmail: false } });
    expect(await deletedAt(removed)).toBeInstanceOf(Date);
  });

  it("mail deleted or trashed before the sync read it is never fetched nor filed", async () => {
    const gone = leadMail("Kabelkanal").id;
    const binned = leadMail("Blitzschutz").id;
    fake.remove(account, gone);
    fake.trash(account, binned);
    const run = await syncMailbox(rep);
    expect(run.job).toMatchObject({ status: "succeeded", counts: { seen: 0, created: 0, deleted: 0 } });
    expect(run.events).toEqual([]);
    expect(
      fake.calls.some((call) => call.includes(`/messages/${gone}?`) || call.includes(`/messages/${binned}?`)),
    ).toBe(false);
    expect(await deletedAt(gone)).toBe("unlinked");
    expect(await deletedAt(binned)).toBe("unlinked");
  });
});

describe("GET /api/v1/sync/gmail/messages", () => {
  it("lists synced mail the caller may see, by words and by lead", async () => {
    const all = await rep.browser.get("/api/v1/sync/gmail/messages");
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.messages.length).toBeGreaterThanOrEqual(6);
    const found = await rep.browser.get(`/api/v1/sync/gmail/messages?q=${encodeURIComponent("ANGEBOT")}`);
    expect(found.body.messages.map((m: { subject: string }) => m.subject).sort()).toEqual([
      "Angebot Solaranlage",
      "Re: Angebot Solaranlage",
      "Re: Re: Angebot Solaranlage",
    ]);
    const byLead = await room.t.manager.browser.get(`/api/v1/sync/gmail/messages?leadId=${lead.id}&q=speicher`);
    expect(byLead.body.messages).toEqual([
      expect.objectContaining({ leadId: lead.id, direction: "inbound", snippet: "Passt, bitte mit Speicher." }),
    ]);
    const none = await rep.browser.get(`/api/v1/sync/gmail/messages?leadId=${randomUUID()}`);
    expect(none.body.messages).toEqual([]);
  });

  it("another organization never sees them", async () => {
    const other = await team();
    const answer = await other.owner.browser.get("/api/v1/sync/gmail/messages");
    expect(answer.status).toBe(200);
    expect(answer.body.messages).toEqual([]);
    const asLead = await other.owner.browser.get(`/api/v1/sync/gmail/messages?leadId=${lead.id}`);
    expect(asLead.body.messages).toEqual([]);
  });

  it("refuses bad input with problem+json", async () => {
    const long = await rep.browser.get(`/api/v1/sync/gmail/messages?q=${"a".repeat(101)}`);
    expect(long.status).toBe(422);
    expect(long.headers.get("content-type")).toContain("application/problem+json");
    expect(Object.keys(long.errors ?? {})).toEqual(["q"]);
    const badLead = await rep.browser.get("/api/v1/sync/gmail/messages?leadId=not-a-lead");
    expect(badLead.status).toBe(422);
    expect(Object.keys(badLead.errors ?? {})).toEqual(["leadId"]);
    const badLimit = await rep.browser.get("/api/v1/sync/gmail/messages?limit=0");
    expect(badLimit.status).toBe(422);
    const unknown = await rep.browser.get("/api/v1/sync/gmail/messages?sender=a");
    expect(unknown.status).toBe(422);
    const twice = await rep.browser.get("/api/v1/sync/gmail/messages?q=a&q=b");
    expect(twice.status).toBe(400);
    expect((await new Browser().get("/api/v1/sync/gmail/messages")).status).toBe(401);
  });
});

describe("the sync's bookkeeping", () => {
  it("a job run again does nothing: it is claimed once", async () => {
    const run = await syncMailbox(rep);
    expect(run.job.status).toBe("succeeded");
    await runGmailSync(run.job.id);
    expect(await gmailRun(rep, run.job.id)).toEqual(run);
  });

  it("the schedule queues one job per connection with Gmail on, joins one waiting, and runs it", async () => {
    const mine = (jobs: Awaited<ReturnType<typeof queueDueGmailSyncs>>) => jobs.filter((j) => j.userId === rep.userId);
    const queued = mine(await queueDueGmailSyncs());
    expect(queued).toEqual([expect.objectContaining({ orgId: rep.orgId, created: true })]);
    expect(mine(await queueDueGmailSyncs())).toEqual([{ ...queued[0], created: false }]);
    // "Sync now" meanwhile joins the scheduled job too.
    const now = await rep.browser.post("/api/v1/sync/gmail");
    expect(now.body).toEqual({ jobId: queued[0]!.jobId, alreadyQueued: true });
    await settled();
    await runGmailSync(queued[0]!.jobId);
    expect((await gmailRun(rep, queued[0]!.jobId)).job).toMatchObject({ kind: "incremental", status: "succeeded" });
  });

  it("a run Google refuses ends failed with the kind, keeps the cursor, and the next run reads what it missed", async () => {
    const missed = uniqueMessageId("alpenglas.test");
    fake.deliver(
      account,
      rawMail({ from: leadFrom(), to: account, subject: "Rückruf", messageId: missed, text: "Bitte morgen anrufen." }),
    );
    const cursor = await gmailCursor(rep);
    for (const [failure, kind] of [
      [{ code: 429, status: "RESOURCE_EXHAUSTED", reason: "rateLimitExceeded" }, "rate_limited"],
      [{ code: 403, status: "PERMISSION_DENIED", reason: "userRateLimitExceeded" }, "rate_limited"],
      [{ code: 403, status: "PERMISSION_DENIED", reason: "insufficientPermissions" }, "forbidden"],
      [{ code: 503, status: "UNAVAILABLE", reason: "backendError" }, "google_unavailable"],
    ] as const) {
      fake.failReads = failure;
      const run = await syncMailbox(rep);
      expect(run.job, kind).toMatchObject({
        status: "failed",
        error: { kind, params: { status: failure.code } },
        counts: { seen: 0 },
      });
      expect(await gmailCursor(rep)).toEqual(cursor);
    }
    fake.failReads = null;
    const failed = (await rep.browser.get("/api/v1/sync/jobs?target=gmail&limit=1")).body.jobs[0];
    expect(renderSyncError(failed.error, translatorFor("de", "integrations.google.sync"))).toContain(
      "Google war nicht erreichbar",
    );
    expect(renderSyncError(failed.error, translatorFor("he", "integrations.google.sync"))).toContain("Google");

    const next = await syncMailbox(rep);
    expect(next.job).toMatchObject({ kind: "incremental", status: "succeeded", counts: { seen: 1, created: 1 } });
    expect(await stored(missed)).toHaveLength(1);
  });
});

describe("POST /api/v1/sync/gmail", () => {
  const problem = (response: { status: number; headers: Headers }) => ({
    status: response.status,
    type: response.headers.get("content-type"),
  });

  it("answers 409 problem+json without Gmail connected and on, and 401 signed out", async () => {
    const nobody = await room.t.manager.browser.post("/api/v1/sync/gmail");
    expect(problem(nobody)).toEqual({ status: 409, type: expect.stringContaining("application/problem+json") });

    const off = await rep.browser.patch("/api/v1/integrations/google", { gmail: false });
    expect(off.status, off.text).toBe(200);
    const refused = await rep.browser.post("/api/v1/sync/gmail");
    expect(problem(refused)).toEqual({ status: 409, type: expect.stringContaining("application/problem+json") });
    expect(refused.body.detail).toContain("Gmail is not turned on");
    // The schedule leaves a mailbox with Gmail off alone too.
    expect((await queueDueGmailSyncs()).filter((j) => j.userId === rep.userId)).toEqual([]);
    const on = await rep.browser.patch("/api/v1/integrations/google", { gmail: true });
    expect(on.status, on.text).toBe(200);

    expect((await new Browser().post("/api/v1/sync/gmail")).status).toBe(401);
  });
});

describe("when the grant changes", () => {
  it("another Google account connected starts over with an initial sync of that mailbox", async () => {
    const other = `ada.other.${randomUUID().slice(0, 8)}@northwind-mail.test`;
    const fromLead = uniqueMessageId("alpenglas.test");
    fake.deliver(
      other,
      rawMail({ from: leadFrom(), to: other, subject: "Neu hier", messageId: fromLead, text: "Hallo" }),
    );
    await connectGmail(fake, rep, other);
    const run = await syncMailbox(rep);
    expect(run.job).toMatchObject({ kind: "initial", status: "succeeded", counts: { seen: 1, created: 1 } });
    expect(await stored(fromLead)).toHaveLength(1);
    account = other;
    sub = fake.google.account.sub;
  });

  it("a grant Google no longer honours fails as needs_reauth, in the reader's language", async () => {
    fake.google.revokeAll(sub);
    const run = await syncMailbox(rep);
    expect(run.job).toMatchObject({ status: "failed", error: { kind: "needs_reauth" } });
    expect(renderSyncError(run.job.error!, translatorFor("de", "integrations.google.sync"))).toContain(
      "Verbinden Sie Google neu",
    );
  });
});
