import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Response metrics of conversations, read from the `conversation_metrics` view (migration
 * 20261204100150_response_time_sla.sql) under the caller's RLS. A response is an outbound
 * reply (a person's or an agent's) right after the lead's messages, timed from the first of
 * them — the analytics' definition (lib/analytics/README.md). An automatic inbound message (an
 * out-of-office, a bounce) counts as nothing (20261204160100_automatic_messages_count_as_nothing.sql).
 */
export type ConversationMetrics = {
  /** Seconds from the lead's first message to the first reply; null: never answered. */
  firstResponseSeconds: number | null;
  /** Mean seconds over every response; null: none yet. */
  avgResponseSeconds: number | null;
  responses: number;
  aiReplies: number;
  humanReplies: number;
  /** aiReplies / (aiReplies + humanReplies); null without replies. */
  aiShare: number | null;
  takeovers: number;
  /** The lead's first unanswered message; null: nobody waits. */
  waitingSince: string | null;
  /** Seconds the lead has been waiting at `now`; null: nobody waits. */
  waitingSeconds: number | null;
};

type Row = {
  firstResponseSeconds: number | null;
  avgResponseSeconds: number | null;
  responses: number;
  aiReplies: number;
  humanReplies: number;
  takeovers: number;
  waitingSince: Date | null;
};

const COLUMNS = `m.first_response_seconds as "firstResponseSeconds", m.avg_response_seconds as "avgResponseSeconds",
  m.responses, m.ai_replies as "aiReplies", m.human_replies as "humanReplies", m.takeovers, m.waiting_since as "waitingSince"`;

function shape(row: Row, now: Date): ConversationMetrics {
  const replies = row.aiReplies + row.humanReplies;
  const since = row.waitingSince ? new Date(row.waitingSince) : null;
  return {
    firstResponseSeconds: row.firstResponseSeconds === null ? null : Math.round(row.firstResponseSeconds),
    avgResponseSeconds: row.avgResponseSeconds === null ? null : Math.round(row.avgResponseSeconds),
    responses: row.responses,
    aiReplies: row.aiReplies,
    humanReplies: row.humanReplies,
    aiShare: replies ? row.aiReplies / replies : null,
    takeovers: row.takeovers,
    waitingSince: since?.toISOString() ?? null,
    waitingSeconds: since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : null,
  };
}

/** One conversation's metrics (null: not found, or not visible to the caller). */
export async function getConversationMetrics(
  tx: Tx,
  orgId: string,
  conversationId: string,
  now = new Date(),
): Promise<ConversationMetrics | null> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.conversation_metrics m where m.conversation_id = $1 and m.org_id = $2`,
    [conversationId, orgId],
  );
  return rows[0] ? shape(rows[0], now) : null;
}

export type ConversationMetricsSummary = {
  conversations: number;
  /** Mean over conversations answered at least once. */
  avgFirstResponseSeconds: number | null;
  /** Mean over every response in those conversations. */
  avgResponseSeconds: number | null;
  aiReplies: number;
  humanReplies: number;
  aiShare: number | null;
  takeovers: number;
  /** Conversations whose lead is waiting now. */
  waitingNow: number;
};

/**
 * For the analytics: the same metrics over the conversations with activity in [from, to)
 * that the caller can see (RLS), optionally one project's.
 */
export async function summarizeConversationMetrics(
  tx: Tx,
  orgId: string,
  range: { from: Date; to: Date; projectId?: string | null },
): Promise<ConversationMetricsSummary> {
  const { rows } = await tx.query<{
    conversations: number;
    avgFirst: number | null;
    avgResponse: number | null;
    aiReplies: number;
    humanReplies: number;
    takeovers: number;
    waitingNow: number;
  }>(
    `select count(*)::int as conversations,
            avg(m.first_response_seconds) as "avgFirst",
            sum(m.avg_response_seconds * m.responses) / nullif(sum(m.responses), 0) as "avgResponse",
            coalesce(sum(m.ai_replies), 0)::int as "aiReplies",
            coalesce(sum(m.human_replies), 0)::int as "humanReplies",
            coalesce(sum(m.takeovers), 0)::int as takeovers,
            count(*) filter (where m.waiting_since is not null)::int as "waitingNow"
       from public.conversation_metrics m
       join public.conversations c on c.id = m.conversation_id
       join public.leads l on l.id = c.lead_id and l.deleted_at is null
      where m.org_id = $1 and c.last_message_at >= $2 and c.last_message_at < $3
        and ($4::uuid is null or l.project_id = $4)`,
    [orgId, range.from, range.to, range.projectId ?? null],
  );
  const row = rows[0]!;
  const replies = row.aiReplies + row.humanReplies;
  return {
    conversations: row.conversations,
    avgFirstResponseSeconds: row.avgFirst === null ? null : Math.round(Number(row.avgFirst)),
    avgResponseSeconds: row.avgResponse === null ? null : Math.round(Number(row.avgResponse)),
    aiReplies: row.aiReplies,
    humanReplies: row.humanReplies,
    aiShare: replies ? row.aiReplies / replies : null,
    takeovers: row.takeovers,
    waitingNow: row.waitingNow,
  };
}
