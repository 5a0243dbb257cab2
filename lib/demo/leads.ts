/**
 * Demo leads for the embedded database: a few hundred fictional people with believable
 * histories, built through the module's own API (createLead, applySignals, addNote,
 * overrideHeat, setDeleted) so every score and timeline entry is what the app would
 * have produced. Deterministic: a seeded PRNG, no Math.random, so every reset looks alike.
 *
 * The API stamps everything "now" (one transaction), so at the end the seed moves each
 * lead's created_at / last_activity_at and each event's created_at back to the moment
 * of the story it tells. That last step runs as the service role: it is seed-only.
 */
import "server-only";
import { actAs } from "@/lib/db";
import type { Tx } from "@/lib/db";
import type { BantDimensionName, Signal } from "@/lib/scoring";
import { addNote, createLead, overrideHeat, setDeleted } from "@/lib/leads/mutations";
import type { LeadStatus } from "@/lib/leads/schema";
import { applySignals } from "@/lib/leads/signals";
import { seededRandom as prng } from "@/lib/random/seeded";

type UserActor = { type: "user"; id: string; name: string };

export type DemoLeadsOptions = {
  orgId: string;
  /** Who performs the seed (an owner, so every assignment is allowed). */
  actor: UserActor;
  /** Members who own leads; some leads stay unassigned. */
  ownerIds: string[];
  projectIds: string[];
  count: number;
  seed: number;
  now?: Date;
};

const FIRST = [
  "Luca",
  "Noah",
  "Lena",
  "Mia",
  "Elias",
  "Anna",
  "Jonas",
  "Sophie",
  "Leon",
  "Laura",
  "Nina",
  "Marco",
  "Sandro",
  "Reto",
  "Urs",
  "Beat",
  "Andrea",
  "Claudia",
  "Daniel",
  "Thomas",
  "Sarah",
  "Julia",
  "Fabienne",
  "Yannick",
  "Céline",
  "Stefan",
  "Martin",
  "Petra",
  "Sabine",
  "Emma",
  "Oliver",
  "James",
  "Charlotte",
  "George",
  "Amelia",
  "Harry",
  "Chloé",
  "Jürg",
  "Lukas",
  "Matthias",
  "Corinne",
  "Nadine",
  "Simon",
  "Tobias",
  "Vreni",
  "Hannah",
  "Felix",
  "Ruth",
  "Samuel",
  "Isabelle",
] as const;
const LAST = [
  "Müller",
  "Meier",
  "Schmid",
  "Keller",
  "Weber",
  "Huber",
  "Schneider",
  "Meyer",
  "Steiner",
  "Fischer",
  "Gerber",
  "Brunner",
  "Baumann",
  "Frei",
  "Zimmermann",
  "Moser",
  "Widmer",
  "Wyss",
  "Graf",
  "Roth",
  "Bachmann",
  "Kaufmann",
  "Suter",
  "Hofmann",
  "Lehmann",
  "Becker",
  "Wagner",
  "Schulz",
  "Koch",
  "Richter",
  "Smith",
  "Taylor",
  "Brown",
  "Wilson",
  "Evans",
  "Hughes",
  "Clarke",
  "Bühler",
  "Marti",
  "Egli",
  "Odermatt",
  "Lüthi",
  "Zürcher",
  "Hess",
  "Vogt",
  "Ammann",
  "Favre",
  "Rossi",
] as const;
const COMPANY_WORDS = [
  "Bergblick",
  "Seeland",
  "Alpenrose",
  "Rheintal",
  "Sonnenhof",
  "Lindenhof",
  "Talweg",
  "Grünfeld",
  "Limmat",
  "Aare",
  "Birsig",
  "Jura",
  "Pilatus",
  "Säntis",
  "Emmental",
  "Riverside",
  "Oakfield",
  "Northgate",
  "Brightwater",
  "Hillcrest",
] as const;
const COMPANY_KINDS = [
  "Immobilien AG",
  "Landwirtschaft GmbH",
  "Logistik AG",
  "Holzbau GmbH",
  "Bäckerei",
  "Hotel AG",
  "Wohnbau AG",
  "Farms Ltd",
  "Storage Ltd",
  "Garage AG",
  "Weingut",
  "Metallbau AG",
  "Schreinerei",
  "Properties Ltd",
] as const;
const TITLES = [
  "Geschäftsführer",
  "Inhaberin",
  "Facility Manager",
  "Head of Operations",
  "CFO",
  "Homeowner",
  "Property Manager",
  "Einkaufsleiter",
  "Betriebsleiterin",
  "Sustainability Lead",
  "Verwaltungsrat",
  "Landwirt",
  null,
] as const;
const TAGS = [
  "rooftop",
  "battery",
  "ev-charger",
  "referral",
  "trade-fair",
  "webinar",
  "zurich",
  "basel",
  "bern",
  "farm",
  "subsidy",
  "follow-up",
  "vip",
] as const;
const STATUSES: { status: LeadStatus; weight: number }[] = [
  { status: "new", weight: 26 },
  { status: "contacted", weight: 24 },
  { status: "qualified", weight: 16 },
  { status: "meeting_scheduled", weight: 12 },
  { status: "won", weight: 8 },
  { status: "lost", weight: 8 },
  { status: "disqualified", weight: 6 },
];
const BANT_VALUES: Record<
  BantDimensionName,
  { confirmed: string[]; partial: string[]; disqualified: string[]; quotes: string[] }
> = {
  budget: {
    confirmed: ["CHF 40,000", "CHF 25,000", "CHF 120,000", "CHF 18,000"],
    partial: ["Around CHF 20k", "Depends on subsidies"],
    disqualified: ["No budget this year"],
    quotes: ["We have about CHF 40k set aside for this.", "Budget ist vorhanden, ca. 25'000 Franken."],
  },
  authority: {
    confirmed: ["Decides with co-owner", "Owner, signs alone", "Board approved"],
    partial: ["Needs the board's approval"],
    disqualified: ["Tenant, landlord decides"],
    quotes: ["I decide this together with my wife.", "Ich entscheide das als Inhaber."],
  },
  need: {
    confirmed: ["Rooftop PV, 15 kWp", "Battery storage for the warehouse", "PV + EV charger"],
    partial: ["Exploring options"],
    disqualified: ["Roof faces north, not suitable"],
    quotes: ["Our electricity bill doubled last year.", "Wir wollen unabhängiger vom Netz werden."],
  },
  timeline: {
    confirmed: ["Install before summer", "Q3 this year", "Within 3 months"],
    partial: ["Maybe next year"],
    disqualified: ["Not before 2030"],
    quotes: ["We'd like it running before summer.", "Bis Ende Jahr sollte das stehen."],
  },
};
const NOTES = [
  "Called, left a voicemail.",
  "Sent the brochure and reference projects in the area.",
  "Site visit: roof in good condition, ~90 m² usable.",
  "Asked about cantonal subsidies — sent the link.",
  "Prefers email over phone.",
  "Neighbour installed with us last year (referral).",
];

const ascii = (text: string) =>
  text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .normalize("NFKD")
    .replace(/[^a-z0-9]/g, "");

const DAY = 24 * 60 * 60 * 1000;
const DIMENSIONS: BantDimensionName[] = ["budget", "authority", "need", "timeline"];

/** Seeds `count` leads; returns how many were created. */
export async function seedDemoLeads(tx: Tx, options: DemoLeadsOptions): Promise<number> {
  const rnd = prng(options.seed);
  // Its own sequence, so the cooling times leave every other choice of the seed as it was.
  const cooling = prng(options.seed + 1);
  const now = options.now ?? new Date();
  const { orgId, actor } = options;
  const emails = new Set<string>();
  const phones = new Set<string>();
  const weightTotal = STATUSES.reduce((n, s) => n + s.weight, 0);
  const leadTimes: { id: string; createdAt: Date; lastActivityAt: Date }[] = [];
  /** Leads with a story, and when it ended (the daily review cools them from there). */
  const storyEnds = new Map<string, Date>();
  /** Per lead, the moment of each event its API calls appended, in the order they appended them. */
  const eventTimes = new Map<string, Date[]>();
  const happened = (leadId: string, ...times: Date[]) => {
    const list = eventTimes.get(leadId) ?? [];
    list.push(...times);
    eventTimes.set(leadId, list);
  };

  for (let i = 0; i < options.count; i++) {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const isCompany = rnd.chance(0.7);
    const word = rnd.pick(COMPANY_WORDS);
    const company = isCompany ? `${word} ${rnd.pick(COMPANY_KINDS)}` : null;
    const domain = company
      ? `${ascii(word)}-${ascii(company.split(" ")[1]!)}.example`
      : rnd.pick(["bluewin.example", "gmx.example", "mailbox.example"]);
    let email: string | null = `${ascii(first)}.${ascii(last)}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${ascii(first)}.${ascii(last)}${n}@${domain}`;
    emails.add(email);
    if (rnd.chance(0.08)) email = null;
    let phone: string | null = null;
    if (rnd.chance(0.85)) {
      do phone = `+417${rnd.int(5, 9)}${String(rnd.int(0, 9_999_999)).padStart(7, "0")}`;
      while (phones.has(phone));
      phones.add(phone);
    }
    if (!email && !phone) email = `${ascii(first)}.${ascii(last)}.${i}@mailbox.example`;

    let roll = rnd.int(1, weightTotal);
    const status = STATUSES.find((s) => (roll -= s.weight) <= 0)!.status;
    const ownerId = rnd.chance(0.15) ? null : rnd.pick(options.ownerIds);
    const projectId = rnd.chance(0.2) ? null : rnd.pick(options.projectIds);
    const tags = [...new Set(Array.from({ length: rnd.int(0, 3) }, () => rnd.pick(TAGS)))];
    const ageDays = rnd.int(1, 180);
    const createdAt = new Date(now.getTime() - ageDays * DAY - rnd.int(0, 8) * 3600_000);

    const id = await createLead(tx, actor, orgId, {
      name: `${first} ${last}`,
      email,
      phone,
      company,
      title: rnd.pick(TITLES),
      status,
      tags,
      ownerId,
      projectId,
      source: rnd.pick(["manual", "manual", "import", "email", "whatsapp", "calendly", "voice"] as const),
    });
    happened(id, createdAt);
    let lastActivityAt = createdAt;

    // The story, in one applySignals call (fast on the embedded database): a first reply,
    // the BANT answers it and later messages brought, and for meetings the booking.
    const confirmed = {
      new: 0,
      contacted: rnd.int(0, 1),
      qualified: rnd.int(2, 4),
      meeting_scheduled: 4,
      won: 4,
      lost: rnd.int(0, 2),
      disqualified: rnd.int(0, 1),
    }[status];
    const answers =
      status === "new"
        ? 0
        : Math.min(4, confirmed + rnd.int(0, 1) + (status === "lost" || status === "disqualified" ? 1 : 0));
    if (status !== "new") {
      // Live deals talked recently (so they run warm or hot); stalled and closed ones went quiet weeks ago.
      const quietDays = {
        contacted: rnd.int(1, 40),
        qualified: rnd.int(0, 12),
        meeting_scheduled: rnd.int(0, 4),
        won: rnd.int(3, 30),
        lost: rnd.int(10, 60),
        disqualified: rnd.int(5, 60),
      }[status];
      const storyEnd = Math.max(
        createdAt.getTime() + DAY / 2,
        now.getTime() - quietDays * DAY - rnd.int(1, 10) * 3600_000,
      );
      const span = storyEnd - createdAt.getTime();
      const at = (fraction: number) => new Date(createdAt.getTime() + fraction * span);
      const times: Date[] = [];
      const signals: Signal[] = [];
      const replyAt = at(0.1 + rnd.next() * 0.2);
      signals.push({
        type: "inbound_reply",
        at: replyAt.toISOString(),
        responseSeconds: rnd.int(60, 3 * 86400),
      } as Signal);
      times.push(replyAt);
      const order = [...DIMENSIONS].sort(() => rnd.next() - 0.5);
      for (let k = 0; k < answers; k++) {
        const dimension = order[k]!;
        const disqualify = (status === "disqualified" || status === "lost") && k === answers - 1;
        const bantStatus: "confirmed" | "partial" | "disqualified" = disqualify
          ? "disqualified"
          : k < confirmed
            ? "confirmed"
            : "partial";
        const values = BANT_VALUES[dimension];
        const when = at(0.35 + ((k + 1) / answers) * 0.45);
        // Emails and domains are fictional: `.example` is reserved and never resolves.
        signals.push({
          type: "bant_update",
          at: when.toISOString(),
          dimension,
          status: bantStatus,
          value: rnd.pick(values[bantStatus]),
          evidence: rnd.chance(0.6)
            ? { kind: "quote", text: rnd.pick(values.quotes) }
            : { kind: "user", ref: actor.id, by: `set by ${actor.name}` },
        } as Signal);
        times.push(when);
      }
      if (status !== "lost" && status !== "disqualified") {
        // Their latest message: heat counts silence from here.
        const when = at(0.9);
        signals.push({ type: "inbound_reply", at: when.toISOString() } as Signal);
        times.push(when);
      }
      if (status === "meeting_scheduled" || status === "won") {
        const when = at(0.92 + rnd.next() * 0.08);
        const startsAt =
          status === "won" ? new Date(when.getTime() + 2 * DAY) : new Date(now.getTime() + rnd.int(1, 10) * DAY);
        signals.push({
          type: "meeting_booked",
          at: when.toISOString(),
          meetingId: `demo-${options.seed}-${i}`,
          startsAt: startsAt.toISOString(),
          source: "Calendly",
        } as Signal);
        times.push(when);
      }
      // Heat as the first conversation left it (the reply and the BANT answers it brought), then
      // as the story's end left it; the daily review below adds the silence since. So the
      // dashboard's history has each lead's ups and downs.
      lastActivityAt = times[times.length - 1]!;
      const firstTalk = 1 + answers;
      for (const [from, to, at] of [
        [0, firstTalk, replyAt],
        [firstTalk, signals.length, lastActivityAt],
      ] as const) {
        if (from === to) continue;
        const outcome = await applySignals(tx, { orgId, leadId: id, signals: signals.slice(from, to), actor, now: at });
        happened(id, ...times.slice(from, to));
        if (outcome.heatLevelChanged) happened(id, at);
        if (outcome.becameBantQualified) happened(id, at);
      }
      storyEnds.set(id, lastActivityAt);
      if (rnd.chance(0.15)) {
        const when = new Date(replyAt.getTime() + 3600_000);
        await addNote(tx, actor, orgId, id, rnd.pick(NOTES));
        happened(id, when);
      }
    }
    if (status === "qualified" && rnd.chance(0.08)) {
      await overrideHeat(tx, actor, orgId, id, { level: "hot", reason: "Met at the trade fair, very keen." });
      happened(id, new Date(now.getTime() - rnd.int(1, 48) * 3600_000));
    }
    leadTimes.push({ id, createdAt, lastActivityAt });
    if (status === "lost" && rnd.chance(0.1)) {
      storyEnds.delete(id);
      await setDeleted(tx, actor, orgId, id, true);
      happened(id, new Date(now.getTime() - rnd.int(1, 20) * DAY));
    }
  }

  // The last steps are seed-only, hence the service role.
  await actAs(tx, "service_role");
  // The daily heat review as it would have run since: quiet leads cooled some days after their
  // story ended, so the dashboard's progression shows leads warming up and cooling down.
  for (const [id, storyEnd] of storyEnds) {
    const review = await applySignals(tx, {
      orgId,
      leadId: id,
      signals: [{ type: "decay", at: now.toISOString() }],
      actor: { type: "system", name: "Daily heat review" },
      now,
    });
    const cooledAt = new Date(
      Math.max(
        storyEnd.getTime() + 3600_000,
        Math.min(storyEnd.getTime() + cooling.int(4, 21) * DAY, now.getTime() - cooling.int(2, 30) * 3600_000),
      ),
    );
    if (review.evaluation.changes.heatScoreDelta !== 0) happened(id, cooledAt);
    if (review.heatLevelChanged) happened(id, cooledAt);
  }
  // Move the timestamps to when the story happened.
  await tx.query(
    `update public.leads l set created_at = r.created_at, last_activity_at = r.last_activity_at, updated_at = r.last_activity_at
       from jsonb_to_recordset($1::jsonb) as r(id uuid, created_at timestamptz, last_activity_at timestamptz) where l.id = r.id`,
    [JSON.stringify(leadTimes.map((l) => ({ id: l.id, created_at: l.createdAt, last_activity_at: l.lastActivityAt })))],
  );
  // Events of one transaction share now(); their physical order (ctid) is the order they
  // were appended in, which is the order `happened` recorded.
  const { rows } = await tx.query<{ id: string; lead_id: string }>(
    "select id, lead_id from public.lead_events where org_id = $1 order by ctid",
    [orgId],
  );
  const next = new Map<string, number>();
  const stamps: { id: string; at: Date }[] = [];
  for (const event of rows) {
    const k = next.get(event.lead_id) ?? 0;
    next.set(event.lead_id, k + 1);
    const at = eventTimes.get(event.lead_id)?.[k];
    if (at) stamps.push({ id: event.id, at });
  }
  await tx.query(
    `update public.lead_events e set created_at = r.at from jsonb_to_recordset($1::jsonb) as r(id uuid, at timestamptz) where e.id = r.id`,
    [JSON.stringify(stamps)],
  );
  return leadTimes.length;
}
