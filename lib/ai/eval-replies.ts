import { z } from "zod";
import { bantDimensionSchema, heatLevelSchema } from "@/lib/scoring/types";
import { agentRoleSchema, draftMeetingSchema, MESSAGE_CHANNELS, type DraftOutcome, type DraftRequest } from "./types";

/**
 * Scores drafted replies against conversation fixtures (`tests/fixtures/conversations/*.jsonl`):
 * each fixture is a thread with its context (agent brief, lead BANT and heat, meetings, history)
 * and the facts the reply MUST and MUST NOT contain. A check is a case-insensitive substring, or a
 * regular expression written `/source/flags`. Pure: the caller reads the file and drafts.
 */

const check = z.string().min(1).max(300);

export const replyFixtureSchema = z.object({
  id: z.string().min(1).max(100),
  lang: z.enum(["en", "de", "he"]),
  /** What the fixture exercises ("meeting", "business-answer", "known-bant", "close", …). */
  tags: z.array(z.string()).default([]),
  now: z.iso.datetime({ offset: true }),
  channel: z.enum(MESSAGE_CHANNELS).default("email"),
  orgName: z.string().min(1).default("Acme Solar"),
  agent: z.object({
    name: z.string().min(1).default("Sam"),
    role: agentRoleSchema.default("sales"),
    personality: z.string().default("Friendly, concise, never pushy."),
    business: z.string().default(""),
    objectives: z.string().default("Qualify the lead with BANT and book a site visit."),
    language: z.string().default("en"),
    schedulingUrl: z.string().nullable().default(null),
  }),
  lead: z
    .object({
      name: z.string().nullable().default(null),
      company: z.string().nullable().default(null),
      heat: heatLevelSchema.default("warm"),
      bant: z
        .object({
          budget: bantDimensionSchema.optional(),
          authority: bantDimensionSchema.optional(),
          need: bantDimensionSchema.optional(),
          timeline: bantDimensionSchema.optional(),
        })
        .default({}),
    })
    .default({ name: null, company: null, heat: "warm", bant: {} }),
  meetings: z.array(draftMeetingSchema).default([]),
  history: z
    .array(z.object({ direction: z.enum(["inbound", "outbound"]), body: z.string().min(1), at: z.string() }))
    .min(1),
  must: z.array(check).default([]),
  mustNot: z.array(check).default([]),
});
export type ReplyFixture = z.infer<typeof replyFixtureSchema>;

const unknown = () => ({ status: "unknown" as const, value: null, evidence: null });

/** The DraftRequest a fixture describes. */
export function toDraftRequest(f: ReplyFixture): DraftRequest {
  return {
    orgName: f.orgName,
    agent: { ...f.agent, model: null },
    lead: {
      name: f.lead.name,
      company: f.lead.company,
      heat: f.lead.heat,
      bant: {
        budget: f.lead.bant.budget ?? unknown(),
        authority: f.lead.bant.authority ?? unknown(),
        need: f.lead.bant.need ?? unknown(),
        timeline: f.lead.bant.timeline ?? unknown(),
      },
    },
    channel: f.channel,
    history: f.history,
    now: f.now,
    meetings: f.meetings,
  };
}

/** `/source/flags` is a regular expression (always case-insensitive); anything else a substring. */
export function matches(reply: string, pattern: string): boolean {
  const rx = /^\/(.+)\/([a-z]*)$/su.exec(pattern);
  if (rx) return new RegExp(rx[1]!, `${rx[2]!.replace(/[iu]/g, "")}iu`).test(reply);
  return reply.toLowerCase().includes(pattern.toLowerCase());
}

export type ReplyCheck = { id: string; lang: string; kind: "must" | "mustNot"; pattern: string; ok: boolean };

export function checkReply(fixture: ReplyFixture, reply: string): ReplyCheck[] {
  const base = { id: fixture.id, lang: fixture.lang };
  return [
    ...fixture.must.map((pattern) => ({ ...base, kind: "must" as const, pattern, ok: matches(reply, pattern) })),
    ...fixture.mustNot.map((pattern) => ({ ...base, kind: "mustNot" as const, pattern, ok: !matches(reply, pattern) })),
  ];
}

type Rate = { passed: number; total: number; rate: number };
const rate = (checks: ReplyCheck[]): Rate => {
  const passed = checks.filter((c) => c.ok).length;
  return { passed, total: checks.length, rate: checks.length ? passed / checks.length : 1 };
};

export type ReplyGroupReport = {
  fixtures: number;
  /** Fixtures whose every check passed. */
  perfect: number;
  must: Rate;
  mustNot: Rate;
};
export type ReplyReport = {
  all: ReplyGroupReport;
  byLang: Record<string, ReplyGroupReport>;
  /** Fixtures the provider gave no draft for. */
  failedDrafts: string[];
  failures: (ReplyCheck & { reply: string })[];
};

function group(items: { fixture: ReplyFixture; checks: ReplyCheck[] }[]): ReplyGroupReport {
  const checks = items.flatMap((i) => i.checks);
  return {
    fixtures: items.length,
    perfect: items.filter((i) => i.checks.every((c) => c.ok)).length,
    must: rate(checks.filter((c) => c.kind === "must")),
    mustNot: rate(checks.filter((c) => c.kind === "mustNot")),
  };
}

/** Per-language and overall pass rates of the must and must-not checks. A failed draft fails all its checks. */
export function scoreReplies(results: { fixture: ReplyFixture; reply: string | null }[]): ReplyReport {
  const items = results.map(({ fixture, reply }) => ({
    fixture,
    reply: reply ?? "",
    checks: checkReply(fixture, reply ?? "").map((c) => (reply === null ? { ...c, ok: false } : c)),
  }));
  const langs = [...new Set(items.map((i) => i.fixture.lang))].sort();
  return {
    all: group(items),
    byLang: Object.fromEntries(langs.map((l) => [l, group(items.filter((i) => i.fixture.lang === l))])),
    failedDrafts: results.filter((r) => r.reply === null).map((r) => r.fixture.id),
    failures: items.flatMap((i) => i.checks.filter((c) => !c.ok).map((c) => ({ ...c, reply: i.reply }))),
  };
}

/** Drafts every fixture with `draft` (a provider's) and scores the replies. */
export async function evaluateReplies(
  fixtures: ReplyFixture[],
  draft: (request: DraftRequest) => Promise<DraftOutcome>,
): Promise<ReplyReport> {
  const results: { fixture: ReplyFixture; reply: string | null }[] = [];
  for (const fixture of fixtures) {
    const outcome = await draft(toDraftRequest(fixture));
    results.push({ fixture, reply: outcome.ok ? outcome.result.reply : null });
  }
  return scoreReplies(results);
}

/** Parses JSON lines; a bad line is an error naming its line number. */
export function parseReplyFixtures(text: string, file = "fixtures"): ReplyFixture[] {
  return text.split("\n").flatMap((raw, i) => {
    if (!raw.trim()) return [];
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const parsed = replyFixtureSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
      );
    return [parsed.data];
  });
}

const pct = (r: Rate) => `${(r.rate * 100).toFixed(1)}% (${r.passed}/${r.total})`;

/** A plain-text table: one row per language and one for all. */
export function formatReplyReport(report: ReplyReport, title: string): string {
  const row = (name: string, g: ReplyGroupReport) =>
    `${name.padEnd(6)} ${String(g.fixtures).padStart(8)} ${String(g.perfect).padStart(8)}  ${pct(g.must).padEnd(20)} ${pct(g.mustNot)}`;
  return [
    title,
    `${"lang".padEnd(6)} ${"fixtures".padStart(8)} ${"perfect".padStart(8)}  ${"must".padEnd(20)} must-not`,
    ...Object.entries(report.byLang).map(([l, g]) => row(l, g)),
    row("all", report.all),
  ].join("\n");
}
