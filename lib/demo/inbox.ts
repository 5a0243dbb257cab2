/**
 * Demo inbox for the embedded database: the organization's numbers and a few dozen
 * conversations with its demo leads, so the inbox has something to show on first start.
 * Deterministic (seeded PRNG, timestamps relative to `now`), like lib/demo/leads.ts.
 *
 * Past conversations are history, not traffic: they are written directly as the service
 * role in two batched inserts (seed-only), with every conversation's summary columns
 * (last message, direction, last inbound, unread count) computed from its messages.
 */
import "server-only";
import type { ChannelProvider, ChannelCapability } from "@/lib/channels/schema";
import { actAs } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { seededRandom as prng } from "@/lib/random/seeded";

export type DemoChannel = {
  provider: ChannelProvider;
  address: string;
  phoneNumberId?: string;
  capabilities: ChannelCapability[];
  label: string;
};

export type DemoInboxOptions = {
  orgId: string;
  /** Who added the channels (the organization's owner); also writes replies in unassigned threads. */
  createdBy: string;
  channels: DemoChannel[];
  /** How many conversations to create (0: channels only). */
  conversations: number;
  seed: number;
  now?: Date;
};

type Turn = { in: string } | { out: string };

/**
 * Fictional solar-sales threads. `{first}` is the lead's first name, `{agent}` the
 * replying rep's. Each starts with the lead and alternates loosely.
 */
const SCRIPTS: Turn[][] = [
  [
    { in: "Hi, I saw your ad about rooftop solar. What would a system for a detached house cost roughly?" },
    {
      out: "Hi {first}, thanks for getting in touch! For a typical house it's CHF 18–30k before subsidies. Could you tell me your roof size and yearly consumption?",
    },
    { in: "Roof is about 80 m², facing south-west. We use around 5,500 kWh a year." },
    {
      out: "That's a great fit, roughly 12–14 kWp. I can prepare a first estimate. Would a short site visit next week work?",
    },
    { in: "Tuesday afternoon would be good." },
    { out: "Perfect, I've put you down for Tuesday at 14:00. You'll get a confirmation by email." },
    { in: "Thanks! See you then." },
  ],
  [
    { in: "Hello, do you also install battery storage for existing PV systems?" },
    { out: "Hi {first}, yes we do. How large is your current system and when was it installed?" },
    { in: "9.6 kWp, installed 2019. Inverter is a Fronius Symo." },
    {
      out: "Good news: that inverter works well with an AC-coupled battery. A 10 kWh battery would cover most evenings. I'll send you two options.",
    },
    { in: "Great, please include the installation time." },
  ],
  [
    { in: "Guten Tag, wir überlegen eine PV-Anlage auf dem Scheunendach. Gibt es dafür Förderung?" },
    {
      out: "Guten Tag {first}, ja: die Einmalvergütung (EIV) von Pronovo plus je nach Kanton einen Zuschuss. Wie gross ist das Dach ungefähr?",
    },
    { in: "Ca. 300 m², Ost-West." },
    { out: "Das reicht für rund 50 kWp. Ich rechne Ihnen die Förderung mit ein und melde mich bis Freitag." },
  ],
  [
    { in: "Is the offer you sent still valid? My wife and I want to go ahead." },
    {
      out: "Hi {first}, great to hear! Yes, the offer is valid until the end of the month. Shall I send the contract for e-signature?",
    },
    { in: "Yes please. Can we start in May?" },
    { out: "May works. I've reserved the week of 12 May for your installation. The contract is on its way." },
    { in: "Signed and sent back 👍" },
    { out: "Received, thank you! Our project lead will call you next week to plan the details." },
  ],
  [
    { in: "Hi, a neighbour recommended you. Could someone look at our roof?" },
    { out: "Hi {first}, happy to! Which address should we come to, and which days suit you?" },
    { in: "Seestrasse 14. Any weekday morning." },
  ],
  [
    { in: "What's the lead time for an EV charger together with the panels?" },
    {
      out: "Hi {first}, we install the wallbox on the same day as the panels, so no extra lead time. Currently about 6 weeks from signing.",
    },
    { in: "OK. And can the charger use only solar power?" },
    { out: "Yes, with solar-surplus charging the car charges when the panels produce more than the house uses." },
  ],
  [
    { in: "We received the quote, thanks. It's a bit above our budget." },
    {
      out: "Thanks for the honest feedback, {first}. We could start with 10 kWp instead of 14 and add the battery later. Want me to recalculate?",
    },
    { in: "Yes, that sounds sensible." },
    {
      out: "Here's the revised quote: CHF 21,400 before subsidies, about CHF 17,900 after. Let me know what you think.",
    },
    { in: "Much better. I need to discuss it with my partner." },
    { out: "Of course. I'll check in on Monday, no rush." },
    { in: "We'd like to go ahead!" },
    { in: "Who do I send the signed offer to?" },
  ],
  [
    { in: "Hello, our warehouse has a flat roof of 1,200 m². Is that interesting for you?" },
    { out: "Hi {first}, very much so. Do you know your peak load and the roof's load capacity?" },
    { in: "Peak is about 180 kW. I'll ask the architect about the statics." },
    {
      out: "Thanks. With that we can size a system and check the self-consumption share. I'll send you a short checklist.",
    },
    { in: "Got the checklist. Architect says 25 kg/m² is fine." },
  ],
  [
    { in: "Can you call me back? Missed your call earlier." },
    { out: "Hi {first}, sure, I'll call you around 16:00 today." },
  ],
  [
    { in: "Hi, quick question: does the installation need a building permit in canton Zurich?" },
    { out: "Hi {first}, on most roofs a simple notification is enough, no permit. We handle the paperwork for you." },
    { in: "Great, that's a relief." },
  ],
  [
    { in: "Hello, the technician left this morning. Panels look great!" },
    {
      out: "Wonderful, {first}! The monitoring app should show your first kWh by tonight. Any questions, just write here.",
    },
    { in: "It already shows 12 kWh today 😀" },
    { out: "Excellent for the first day. Enjoy the sunshine!" },
  ],
  [
    { in: "We're not sure anymore if we want to do it this year." },
    { out: "Understood, {first}. Shall I get back to you in autumn, when the new subsidy rates are published?" },
    { in: "Yes, that would be good." },
    { out: "Noted. Talk to you in September!" },
  ],
  [
    { in: "Hi, is the site visit free of charge?" },
    { out: "Hi {first}, yes, the visit and the first quote are free and without obligation." },
    { in: "Then let's do it. Thursday?" },
    { out: "Thursday works. Morning or afternoon?" },
    { in: "Morning please, after 9." },
  ],
];

const FOLLOW_UPS = [
  "Any update on this?",
  "Also: could you send it by email too?",
  "Sorry, one more question about the inverter warranty.",
];

const HOUR = 3600_000;
const DAY = 24 * HOUR;

type MessageRow = {
  conversation_key: number;
  direction: "inbound" | "outbound";
  body: string;
  status: "received" | "delivered" | "read" | "failed";
  error_code: string | null;
  error_message: string | null;
  provider: ChannelProvider;
  provider_message_id: string;
  author_type: "lead" | "user";
  author_id: string | null;
  created_at: string;
  status_at: string;
};

const preview = (body: string) => body.replace(/\s+/g, " ").slice(0, 160);

/** Seeds the channels and conversations; returns how many conversations were created. */
export async function seedDemoInbox(tx: Tx, options: DemoInboxOptions): Promise<number> {
  const rnd = prng(options.seed);
  const now = options.now ?? new Date();
  const { orgId } = options;
  await actAs(tx, "service_role");

  const { rows: channels } = await tx.query<{ id: string; provider: ChannelProvider; capabilities: string[] }>(
    `insert into public.channels (org_id, provider, address, phone_number_id, capabilities, label, created_by, created_at)
     select $1, r.provider, r.address, r.phone_number_id, r.capabilities, r.label, $2, $3::timestamptz + r.ord * interval '1 day'
       from jsonb_to_recordset($4::jsonb) as r(ord int, provider text, address text, phone_number_id text, capabilities text[], label text)
     order by r.ord
     returning id, provider, capabilities`,
    [
      orgId,
      options.createdBy,
      new Date(now.getTime() - 60 * DAY).toISOString(),
      JSON.stringify(
        options.channels.map((c, ord) => ({
          ord,
          provider: c.provider,
          address: c.address,
          phone_number_id: c.phoneNumberId ?? null,
          capabilities: c.capabilities,
          label: c.label,
        })),
      ),
    ],
  );
  if (options.conversations <= 0) return 0;

  // Where a thread can run: each channel's messaging mediums.
  const routes = channels.flatMap((ch) =>
    (["sms", "whatsapp"] as const)
      .filter((m) => ch.capabilities.includes(m))
      .map((medium) => ({ channel: ch, medium })),
  );
  if (!routes.length) return 0;
  const smsRoutes = routes.filter((r) => r.medium === "sms");
  const whatsappRoutes = routes.filter((r) => r.medium === "whatsapp");

  // Leads people are talking to: with a phone, not deleted, still in play, most recently active first.
  const { rows: leads } = await tx.query<{ id: string; name: string; owner_id: string | null }>(
    `select l.id, l.name, l.owner_id from public.leads l
      where l.org_id = $1 and l.phone is not null and l.deleted_at is null
        and l.status in ('new', 'contacted', 'qualified', 'meeting_scheduled', 'won')
      order by l.last_activity_at desc, l.id
      limit $2`,
    [orgId, options.conversations],
  );
  const { rows: people } = await tx.query<{ id: string; full_name: string }>(
    "select p.id, p.full_name from public.profiles p join public.memberships m on m.user_id = p.id where m.org_id = $1",
    [orgId],
  );
  const firstName = (name: string | undefined) => (name ?? "").trim().split(/\s+/)[0] || "there";
  const nameOf = new Map(people.map((p) => [p.id, p.full_name]));

  // Status mix for the whole inbox (≈ 70% open, 17% pending, 13% closed), shuffled.
  const n = leads.length;
  const pendingCount = Math.round(n * 0.175);
  const closedCount = Math.round(n * 0.125);
  const statuses = rnd.shuffle(
    Array.from(
      { length: n },
      (_, i) =>
        (i < pendingCount ? "pending" : i < pendingCount + closedCount ? "closed" : "open") as
          "open" | "pending" | "closed",
    ),
  );

  const conversations: Record<string, unknown>[] = [];
  const messages: MessageRow[] = [];
  let failedShown = false;
  let recentWhatsapp = 0;

  leads.forEach((lead, index) => {
    const status = statuses[index]!;
    // Roughly half SMS, half WhatsApp (over the Twilio number or the Cloud API number).
    const pool = smsRoutes.length && (index % 2 === 0 || !whatsappRoutes.length) ? smsRoutes : whatsappRoutes;
    const { channel, medium } = pool[Math.floor(index / 2) % pool.length]!;
    const assigneeId = lead.owner_id && !rnd.chance(0.12) ? lead.owner_id : null;
    const writerId = assigneeId ?? lead.owner_id ?? options.createdBy;
    const script = SCRIPTS[index % SCRIPTS.length]!;

    // How far the thread got: 2..all turns. Unread threads end with the lead speaking.
    let turns = script.slice(0, rnd.int(Math.min(2, script.length), script.length));
    const unread = status === "open" && rnd.chance(0.35);
    if (unread) {
      // The lead's next line if the script has one, else back to their last one.
      const next = script[turns.length];
      if ("out" in turns[turns.length - 1]! && next && "in" in next) turns = script.slice(0, turns.length + 1);
      while (turns.length > 1 && "out" in turns[turns.length - 1]!) turns = turns.slice(0, -1);
      if ((turns.length < 2 || rnd.chance(0.3)) && turns.length < 8) turns = [...turns, { in: rnd.pick(FOLLOW_UPS) }];
    } else if (status === "pending") {
      // Pending: waiting for the lead, so we spoke last.
      while (turns.length > 2 && "in" in turns[turns.length - 1]!) turns = turns.slice(0, -1);
    }

    // When: the last message within the last 10 days; some WhatsApp threads inside the
    // 24-hour window so a free-form reply is possible.
    const recent = medium === "whatsapp" && status !== "closed" && recentWhatsapp < 6 && rnd.chance(0.6);
    if (recent) recentWhatsapp++;
    const lastAt = now.getTime() - (recent ? rnd.int(5, 20 * 60) * 60_000 : rnd.int(1, 10 * 24 * 60) * 60_000);
    // Every third older thread went on for weeks (hours to days between turns), so the
    // dashboard's last 30 days have traffic on most days; the last message stays recent.
    const stretch = !recent && index % 3 === 0 ? 16 : 1;
    const gaps = turns.map(() => rnd.int(3, 6 * 60) * 60_000 * stretch);
    let at = lastAt - gaps.slice(1).reduce((sum, g) => sum + g, 0);

    const key = conversations.length;
    const threadMessages: MessageRow[] = [];
    turns.forEach((turn, k) => {
      if (k > 0) at += gaps[k]!;
      const inbound = "in" in turn;
      const body = (inbound ? turn.in : turn.out)
        .replaceAll("{first}", firstName(lead.name))
        .replaceAll("{agent}", firstName(nameOf.get(writerId)));
      const isLast = k === turns.length - 1;
      let outStatus: MessageRow["status"] =
        medium === "whatsapp" && !isLast ? "read" : medium === "whatsapp" && rnd.chance(0.5) ? "read" : "delivered";
      let error: { code: string; message: string } | null = null;
      // One failed SMS (the carrier filtered it) so the failure state has an example.
      if (
        !inbound &&
        isLast &&
        !failedShown &&
        medium === "sms" &&
        channel.provider === "twilio" &&
        status === "open"
      ) {
        failedShown = true;
        outStatus = "failed";
        error = { code: "30007", message: "Message filtered by the carrier" };
      }
      threadMessages.push({
        conversation_key: key,
        direction: inbound ? "inbound" : "outbound",
        body,
        status: inbound ? "received" : outStatus,
        error_code: error?.code ?? null,
        error_message: error?.message ?? null,
        provider: channel.provider,
        provider_message_id: channel.provider === "twilio" ? `SM${rnd.hex(32)}` : `wamid.demo-${rnd.hex(24)}`,
        author_type: inbound ? "lead" : "user",
        author_id: inbound ? null : writerId,
        created_at: new Date(at).toISOString(),
        status_at: new Date(inbound ? at : Math.min(now.getTime(), at + rnd.int(5, 600) * 1000)).toISOString(),
      });
    });

    const last = threadMessages[threadMessages.length - 1]!;
    const lastInbound = threadMessages.filter((m) => m.direction === "inbound").at(-1);
    let trailingInbound = 0;
    for (let k = threadMessages.length - 1; k >= 0 && threadMessages[k]!.direction === "inbound"; k--)
      trailingInbound++;
    messages.push(...threadMessages);
    conversations.push({
      key,
      lead_id: lead.id,
      channel_id: channel.id,
      medium,
      status,
      assignee_id: assigneeId,
      mode: rnd.chance(0.7) ? "ai" : "human",
      last_message_at: last.created_at,
      last_message_preview: preview(last.body),
      last_message_direction: last.direction,
      last_inbound_at: lastInbound?.created_at ?? null,
      unread_count: unread ? Math.min(3, trailingInbound) : 0,
      created_at: threadMessages[0]!.created_at,
    });
  });

  const { rows: created } = await tx.query<{ id: string; key: number }>(
    `with input as (
       select * from jsonb_to_recordset($2::jsonb) as r(key int, lead_id uuid, channel_id uuid, medium text, status text, assignee_id uuid, mode text,
         last_message_at timestamptz, last_message_preview text, last_message_direction text, last_inbound_at timestamptz, unread_count int, created_at timestamptz)
     ), inserted as (
       insert into public.conversations (org_id, lead_id, channel_id, medium, status, assignee_id, mode, last_message_at, last_message_preview,
                                         last_message_direction, last_inbound_at, unread_count, created_at, updated_at)
       select $1, lead_id, channel_id, medium, status, assignee_id, mode, last_message_at, last_message_preview,
              last_message_direction, last_inbound_at, unread_count, created_at, last_message_at
         from input order by key
       returning id, lead_id, channel_id, medium
     )
     select i.id, input.key from inserted i join input using (lead_id, channel_id, medium)`,
    [orgId, JSON.stringify(conversations)],
  );
  const idOf = new Map(created.map((c) => [c.key, c.id]));
  await tx.query(
    `insert into public.messages (org_id, conversation_id, direction, body, status, error_code, error_message, provider, provider_message_id,
                                  author_type, author_id, sandbox, created_at, status_at)
     select $1, r.conversation_id, r.direction, r.body, r.status, r.error_code, r.error_message, r.provider, r.provider_message_id,
            r.author_type, r.author_id, false, r.created_at, r.status_at
       from jsonb_to_recordset($2::jsonb) as r(conversation_id uuid, direction text, body text, status text, error_code text, error_message text,
         provider text, provider_message_id text, author_type text, author_id uuid, created_at timestamptz, status_at timestamptz)`,
    [
      orgId,
      JSON.stringify(
        messages.map(({ conversation_key, ...m }) => ({ ...m, conversation_id: idOf.get(conversation_key) })),
      ),
    ],
  );
  return created.length;
}
