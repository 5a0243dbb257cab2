/**
 * What the sandbox Google account holds: a small mailbox and calendar made from the
 * organization's own leads (the ones its user can see), so a sync files believable mail and
 * meetings against real records. Deterministic: the same leads and grant give the same ids,
 * dates and words on every call, so a second sync finds nothing new. Everyone else in it is
 * made up (example.test addresses).
 */
import "server-only";
import { createHash } from "node:crypto";
import type { calendar_v3 } from "@googleapis/calendar";
import { withRls } from "@/lib/db";
import { listLeads } from "@/lib/leads/queries";
import { listLeadsQuerySchema } from "@/lib/leads/schema";
import type { CalendarStoredEvent, GmailMailbox, GmailStoredMessage } from "./protocol";
import type { SandboxGrant } from "./tokens";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Person = { name: string; email: string };

/** Up to three leads with an address, newest first: the people who write and meet. */
async function sandboxLeads(grant: SandboxGrant): Promise<Person[]> {
  const page = await withRls({ sub: grant.user, role: "authenticated" }, (tx) =>
    listLeads(tx, grant.org, grant.user, listLeadsQuerySchema.parse({ sort: "created", limit: 50 })),
  );
  return page.leads
    .filter((lead): lead is typeof lead & { email: string } => Boolean(lead.email))
    .slice(0, 3)
    .map((lead) => ({ name: lead.name ?? lead.email, email: lead.email.toLowerCase() }));
}

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\0")).digest("hex");

/** A header value as RFC 2047 when it is not plain ASCII (lead names often are not). */
const headerText = (value: string) =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
const mailbox = (person: Person) => `${headerText(`"${person.name.replace(/["\\]/g, "")}"`)} <${person.email}>`;

type Draft = {
  slot: string;
  thread: string;
  from: Person;
  to: Person;
  subject: string;
  at: number;
  body: string;
  replyTo?: string;
  sent?: boolean;
};

const firstName = (person: Person) => person.name.split(/\s+/)[0] ?? person.name;

function drafts(me: Person, leads: Person[], anchor: number): Draft[] {
  const [a, b, c] = leads;
  // Not a lead: a newsletter the sync leaves out of the inbox.
  const digestSender = { name: "Northwind Solar Digest", email: "digest@northwind-news.example.test" };
  const out: Draft[] = [
    {
      slot: "newsletter",
      thread: "newsletter",
      from: digestSender,
      to: me,
      subject: "This week in residential solar",
      at: anchor - 3 * DAY + 7 * HOUR,
      body: "Panel prices held steady this week, and installers report longer lead times for inverters.\n",
    },
  ];
  if (a)
    out.push(
      {
        slot: "quote-1",
        thread: "quote",
        from: a,
        to: me,
        subject: "Question about the quote",
        at: anchor - 2 * DAY - 3 * HOUR,
        body: `Hi ${firstName(me)},\n\nthanks for the quote. Does the price include the installation, or is that extra?\n\nBest,\n${firstName(a)}\n`,
      },
      {
        slot: "quote-2",
        thread: "quote",
        from: me,
        to: a,
        subject: "Re: Question about the quote",
        at: anchor - 2 * DAY - HOUR,
        body: `Hi ${firstName(a)},\n\nyes, installation and commissioning are included. Shall we go through it on a call?\n\n${firstName(me)}\n`,
        replyTo: "quote-1",
        sent: true,
      },
      {
        slot: "quote-3",
        thread: "quote",
        from: a,
        to: me,
        subject: "Re: Question about the quote",
        at: anchor - DAY - 5 * HOUR,
        body: `Great, a call works for me. I have sent you an invite.\n\n${firstName(a)}\n`,
        replyTo: "quote-2",
      },
    );
  if (b)
    out.push({
      slot: "visit-1",
      thread: "visit",
      from: b,
      to: me,
      subject: "Site visit next week?",
      at: anchor - DAY + 2 * HOUR,
      body: `Hello,\n\ncould someone come by next week to look at the roof? Mornings are best for us.\n\nKind regards,\n${b.name}\n`,
    });
  if (c)
    out.push({
      slot: "documents-1",
      thread: "documents",
      from: c,
      to: me,
      subject: "The documents you asked for",
      at: anchor - 4 * HOUR,
      body: `Hi,\n\nas promised, our last two electricity bills are below: about 4,200 kWh a year.\n\n${c.name}\n`,
    });
  return out;
}

/** The sandbox mailbox of this grant: ids and history ids in the order the mail arrived. */
export async function sandboxMailbox(grant: SandboxGrant): Promise<GmailMailbox> {
  const me = { name: grant.email.split("@")[0]!, email: grant.email };
  const list = drafts(me, await sandboxLeads(grant), grant.anchor).sort((x, y) => x.at - y.at);
  const messageId = (slot: string) => `<sandbox-${digest(grant.sub, slot).slice(0, 16)}@mail.kiln-sandbox.test>`;
  const gmailId = (slot: string) => digest(grant.sub, "gmail", slot).slice(0, 16);
  const messages: GmailStoredMessage[] = list.map((draft, index) => {
    const headers = [
      `From: ${mailbox(draft.from)}`,
      `To: ${mailbox(draft.to)}`,
      `Subject: ${headerText(draft.subject)}`,
      `Date: ${new Date(draft.at).toUTCString().replace("GMT", "+0000")}`,
      `Message-ID: ${messageId(draft.slot)}`,
      ...(draft.replyTo ? [`In-Reply-To: ${messageId(draft.replyTo)}`, `References: ${messageId(draft.replyTo)}`] : []),
      "MIME-Version: 1.0",
      'Content-Type: text/plain; charset="UTF-8"',
      "Content-Transfer-Encoding: 8bit",
    ];
    return {
      id: gmailId(draft.slot),
      threadId: gmailId(`thread:${draft.thread}`),
      raw: Buffer.from(`${headers.join("\r\n")}\r\n\r\n${draft.body.replace(/\n/g, "\r\n")}`, "utf8"),
      internalDate: draft.at,
      labelIds: draft.sent ? ["SENT"] : ["INBOX", "UNREAD"],
      historyId: 5000 + index + 1,
    };
  });
  return { messages, historyId: 5000 + messages.length, oldestHistoryId: 0 };
}

/** The sandbox primary calendar: two upcoming meetings with leads and one event without any. */
export async function sandboxCalendar(grant: SandboxGrant): Promise<CalendarStoredEvent[]> {
  const [a, b] = await sandboxLeads(grant);
  // Whole hours in UTC from the day after the grant, so the meetings are ahead when connecting.
  const day = Math.floor(grant.anchor / DAY) * DAY;
  const self = { email: grant.email, self: true, organizer: true, responseStatus: "accepted" };
  const event = (
    slot: string,
    start: number,
    minutes: number,
    fields: Omit<calendar_v3.Schema$Event, "id" | "start" | "end">,
  ): calendar_v3.Schema$Event => {
    const id = digest(grant.sub, "calendar", slot).slice(0, 26);
    return {
      kind: "calendar#event",
      id,
      status: "confirmed",
      htmlLink: `https://calendar.kiln-sandbox.test/event?eid=${id}`,
      created: new Date(grant.anchor).toISOString(),
      updated: new Date(grant.anchor).toISOString(),
      organizer: { email: grant.email, self: true },
      creator: { email: grant.email, self: true },
      start: { dateTime: new Date(start).toISOString(), timeZone: "UTC" },
      end: { dateTime: new Date(start + minutes * 60_000).toISOString(), timeZone: "UTC" },
      ...fields,
    };
  };
  const events: calendar_v3.Schema$Event[] = [
    event("pipeline-review", day + 2 * DAY + 8 * HOUR, 45, {
      summary: "Pipeline review",
      description: "Weekly look at open quotes.",
      attendees: [self],
    }),
  ];
  if (a)
    events.push(
      event("intro-call", day + DAY + 9 * HOUR, 30, {
        summary: `Intro call with ${a.name}`,
        description: "Going through the quote.",
        location: "Phone",
        attendees: [self, { email: a.email, displayName: a.name, responseStatus: "accepted" }],
      }),
    );
  if (b)
    events.push(
      event("site-visit", day + 3 * DAY + 13 * HOUR, 60, {
        summary: `Site visit: ${b.name}`,
        description: "Roof check and measurements.",
        attendees: [self, { email: b.email, displayName: b.name, responseStatus: "needsAction" }],
      }),
    );
  return events.map((e, index) => ({ event: e, seq: index + 1 }));
}
