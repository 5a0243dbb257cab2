import "server-only";
import type { Tx } from "@/lib/db";
import { conflict, notFound } from "@/lib/http/errors";
import { applySignals } from "@/lib/leads/signals";
import type { Actor } from "@/lib/leads/types";

type UserActor = Extract<Actor, { type: "user" }>;

type SuggestionRow = {
  id: string;
  lead_id: string;
  dimension: "budget" | "authority" | "need" | "timeline";
  status: "unknown" | "partial" | "confirmed" | "disqualified";
  value: string | null;
  quote: string | null;
  message_id: string | null;
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
      returning id, lead_id, dimension, status, value, quote, message_id, state`,
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
              ...(suggestion.message_id ? { ref: suggestion.message_id } : {}),
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
