import "server-only";
import { BANT_FINDING_CONFIDENCE_THRESHOLD, type BantFinding, type DraftResult } from "@/lib/ai/types";
import type { Tx } from "@/lib/db";
import { conflict, notFound } from "@/lib/http/errors";
import { applySignals } from "@/lib/leads/signals";
import type { Actor } from "@/lib/leads/types";
import { BANT_DIMENSIONS, bantSchema, type Bant, type BantDimensionName, type Signal } from "@/lib/scoring";

const RANK = { unknown: 0, partial: 1, confirmed: 2, disqualified: 2 } as const;

/** Where findings were read: a lead's message (with the draft's task), or a booking's answers. */
export type FindingSource = { taskId: string; messageId: string } | { meetingId: string };

/**
 * Confident findings update the lead through the scoring engine, with the lead's words as
 * evidence so the explanation quotes them; the rest wait as suggestions. A finding that
 * would only restate or weaken what the lead already has is kept as a suggestion too, and so
 * is every finding of a draft flagged as prompt injection (`suggestOnly`). Reading the same
 * message or booking again suggests nothing twice.
 */
export async function applyBantFindings(
  tx: Tx,
  input: {
    orgId: string;
    leadId: string;
    source: FindingSource;
    findings: Partial<DraftResult["bant"]>;
    actor: Actor;
    now: Date;
    suggestOnly: boolean;
  },
): Promise<{ applied: BantDimensionName[]; suggested: BantDimensionName[] }> {
  const { rows } = await tx.query<{ bant: unknown }>("select bant from public.leads where id = $1", [input.leadId]);
  const current: Bant = bantSchema.parse(rows[0]?.bant ?? {});
  const fromMessage = "messageId" in input.source;
  const ref = "messageId" in input.source ? input.source.messageId : input.source.meetingId;
  const signals: Signal[] = [];
  const suggestions: { dimension: BantDimensionName; finding: BantFinding }[] = [];
  for (const dimension of BANT_DIMENSIONS) {
    const finding = input.findings[dimension];
    if (!finding || finding.status === "unknown") continue;
    const have = current[dimension];
    if (have.status === finding.status && (have.value ?? null) === (finding.value ?? null)) continue;
    const weaker = RANK[finding.status] < RANK[have.status];
    if (!input.suggestOnly && finding.confidence >= BANT_FINDING_CONFIDENCE_THRESHOLD && !weaker) {
      signals.push({
        type: "bant_update",
        dimension,
        status: finding.status,
        value: finding.value,
        evidence: finding.quote
          ? { kind: "quote", text: finding.quote, ref }
          : { kind: fromMessage ? "message" : "meeting", ref },
        at: input.now.toISOString(),
      });
    } else {
      suggestions.push({ dimension, finding });
    }
  }
  if (signals.length)
    await applySignals(tx, { orgId: input.orgId, leadId: input.leadId, signals, actor: input.actor, now: input.now });
  if (suggestions.length) {
    await tx.query(
      `insert into public.bant_suggestions (org_id, lead_id, task_id, message_id, meeting_id, dimension, status, value, quote, confidence)
       select $1, $2, $3, $4, $5, s.dimension, s.status, s.value, s.quote, s.confidence
         from jsonb_to_recordset($6::jsonb) as s(dimension text, status text, value text, quote text, confidence real)
       on conflict do nothing`,
      [
        input.orgId,
        input.leadId,
        "taskId" in input.source ? input.source.taskId : null,
        "messageId" in input.source ? input.source.messageId : null,
        "meetingId" in input.source ? input.source.meetingId : null,
        JSON.stringify(
          suggestions.map(({ dimension, finding }) => ({
            dimension,
            status: finding.status,
            value: finding.value,
            quote: finding.quote,
            confidence: finding.confidence,
          })),
        ),
      ],
    );
  }
  return {
    applied: signals.map((s) => (s as Extract<Signal, { type: "bant_update" }>).dimension),
    suggested: suggestions.map((s) => s.dimension),
  };
}

type UserActor = Extract<Actor, { type: "user" }>;

type SuggestionRow = {
  id: string;
  lead_id: string;
  dimension: "budget" | "authority" | "need" | "timeline";
  status: "unknown" | "partial" | "confirmed" | "disqualified";
  value: string | null;
  quote: string | null;
  message_id: string | null;
  meeting_id: string | null;
  state: string;
};

/**
 * Moves a pending suggestion to `state`, as the deciding user; the conditional update is the
 * lock, so two people deciding at once cannot both apply it.
 */
async function decideSuggestion(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  leadId: string,
  id: string,
  state: "accepted" | "dismissed",
): Promise<SuggestionRow> {
  const { rows } = await tx.query<SuggestionRow>(
    `update public.bant_suggestions set state = $4, decided_by = $5, decided_at = now()
      where id = $1 and org_id = $2 and lead_id = $3 and state = 'pending'
      returning id, lead_id, dimension, status, value, quote, message_id, meeting_id, state`,
    [id, orgId, leadId, state, actor.id],
  );
  if (rows[0]) return rows[0];
  const { rows: existing } = await tx.query<{ state: string }>(
    "select state from public.bant_suggestions where id = $1 and org_id = $2 and lead_id = $3",
    [id, orgId, leadId],
  );
  if (!existing[0]) throw notFound("suggestionNotFound");
  throw conflict({ key: "suggestionAlreadyDecided", values: { state: existing[0].state } });
}

/** A person vouches for the AI's uncertain reading: applied through the scoring engine with the lead's words as evidence. */
export async function acceptSuggestion(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  leadId: string,
  id: string,
): Promise<void> {
  const suggestion = await decideSuggestion(tx, actor, orgId, leadId, id, "accepted");
  await applySignals(tx, {
    orgId,
    leadId,
    actor,
    signals: [
      {
        type: "bant_update",
        dimension: suggestion.dimension,
        status: suggestion.status,
        value: suggestion.value,
        evidence: suggestion.quote
          ? {
              kind: "quote",
              text: suggestion.quote,
              ...((suggestion.message_id ?? suggestion.meeting_id)
                ? { ref: (suggestion.message_id ?? suggestion.meeting_id)! }
                : {}),
              by: actor.name,
            }
          : { kind: "user", by: actor.name },
        at: new Date().toISOString(),
      },
    ],
  });
}

export async function dismissSuggestion(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  leadId: string,
  id: string,
): Promise<void> {
  await decideSuggestion(tx, actor, orgId, leadId, id, "dismissed");
}
