/**
 * Drafting a reply to a lead's message: load the thread, ask the AI provider (outside any
 * transaction: a call can take seconds, and on the embedded database a held transaction
 * stalls every request), then record the outcome in one transaction: the draft task for a
 * person to approve (or, for an auto-send agent, the message itself — never for a draft flagged
 * as prompt injection, which always waits for a person), BANT evidence applied
 * through the scoring engine or kept as suggestions, and the notification.
 */
import "server-only";
import { distance } from "fastest-levenshtein";
import { aiProvider } from "@/lib/ai";
import { failureDetail, type DraftFailureDetail } from "@/lib/ai/failures";
import { type AiProvider, type DraftMeeting, type DraftOutcome, type DraftRequest } from "@/lib/ai/types";
import { agentBrief, agentForConversation, type ResolvedAgent } from "@/lib/agents/queries";
import { recordAudit } from "@/lib/audit";
import { agentPausedByPlan, billingWritable } from "@/lib/billing/status";
import { withService, type Tx } from "@/lib/db";
import { insertLeadEvent } from "@/lib/leads/events";
import type { Actor } from "@/lib/leads/types";
import { logger } from "@/lib/log";
import { meetingsAroundNow } from "@/lib/meetings/queries";
import { notify } from "@/lib/notifications/notify";
import { emitWebhookEvent } from "@/lib/webhooks/emit";
import { timeZoneOf } from "@/lib/preferences/derived";
import { defaultSchedulingUrl } from "@/lib/preferences/platform";
import { getPreferences } from "@/lib/preferences/store";
import { bantSchema } from "@/lib/scoring";
import type { ManualReviewPayload, MessageApprovalPayload } from "./schema";
import { decisionReason } from "./notes";
import { applyBantFindings } from "./suggestions";
import { acquireDraftSlot, releaseDraftSlot } from "./slots";
import { supersedePendingDrafts } from "./supersede";
import { HttpError } from "@/lib/http/errors";
import { nextEmailHeaders } from "@/lib/inbox/email-reply";
import { queueOutboundMessage } from "@/lib/inbox/mutations";
import { sendSoon } from "@/lib/inbox/queue";
import type { DraftJobInput } from "./queue";

/** How long a provider call may take before it counts as a timeout. */
export const PROVIDER_TIMEOUT_MS = 45_000;
/** How long a draft waits for a decision before it expires. */
export const DRAFT_TTL_HOURS = 48;
/** Messages of the thread the provider sees. */
export const HISTORY_LENGTH = 20;

export type { DraftJobInput };

export type DraftRun =
  | { status: "drafted" | "auto_sent" | "manual_review"; taskId: string; messageId?: string }
  | { status: "skipped"; reason: string }
  | { status: "busy" }
  | { status: "retry"; reason: string };

type ConversationRow = {
  id: string;
  org_id: string;
  org_name: string;
  lead_id: string;
  medium: "sms" | "whatsapp" | "email";
  mode: "ai" | "human";
  lead_name: string | null;
  lead_company: string | null;
  heat_level: DraftRequest["lead"]["heat"];
  bant: unknown;
  owner_id: string | null;
};

export type DraftContext = {
  conversation: ConversationRow;
  agent: ResolvedAgent | null;
  /** The newest inbound message (what a draft answers), null when the lead has not written. */
  newestInboundId: string | null;
  request: DraftRequest | null;
};

/**
 * Everything a draft needs, read in the caller's transaction (the service role for the job,
 * the user's RLS for "suggest"). Returns null when the conversation is not there.
 */
export async function loadDraftContext(
  tx: Tx,
  orgId: string,
  conversationId: string,
  now = new Date(),
): Promise<DraftContext | null> {
  const { rows } = await tx.query<ConversationRow>(
    `select c.id, c.org_id, o.name as org_name, c.lead_id, c.medium, c.mode, l.name as lead_name, l.company as lead_company,
            l.heat_level, l.bant, l.owner_id
       from public.conversations c
       join public.organizations o on o.id = c.org_id
       join public.leads l on l.id = c.lead_id and l.deleted_at is null
      where c.id = $1 and c.org_id = $2`,
    [conversationId, orgId],
  );
  const conversation = rows[0];
  if (!conversation) return null;
  // One after another: a transaction is one connection, which runs one statement at a time.
  const agent = await agentForConversation(tx, orgId, conversationId);
  const messages = await tx.query<{
    id: string;
    direction: "inbound" | "outbound";
    author_type: string;
    body: string;
    media: unknown[];
    created_at: Date;
  }>(
    // An out-of-office or a bounce (an inbound `system` message) is not the lead's words: the AI
    // would answer it, or read "back on Monday" as the lead's timeline.
    `select id, direction, author_type, body, media, created_at from public.messages
      where conversation_id = $1 and org_id = $2 and status <> 'failed'
        and not (direction = 'inbound' and author_type = 'system')
      order by created_at desc, id desc limit $3`,
    [conversationId, orgId, HISTORY_LENGTH],
  );
  // The lead's owner's default Calendly event type comes first (their Settings → Preferences); an
  // agent without its own link otherwise offers the connected Calendly account's booking page.
  const ownerLink = conversation.owner_id ? await defaultSchedulingUrl(tx, orgId, conversation.owner_id) : null;
  const calendly = await tx.query<{ scheduling_url: string | null }>(
    `select scheduling_url from public.integration_connections
      where org_id = $1 and provider = 'calendly' and status = 'connected' and scheduling_url is not null limit 1`,
    [orgId],
  );
  const meetings = agent ? await draftMeetings(tx, conversation, now) : [];
  const email = agent && conversation.medium === "email" ? await nextEmailHeaders(tx, orgId, conversationId) : null;
  const history = messages.rows.reverse();
  // What the lead wrote, not an automatic reply or a bounce on their side (author `system`): nothing to answer.
  const newestInbound = [...history].reverse().find((m) => m.direction === "inbound" && m.author_type === "lead");
  const request: DraftRequest | null = agent
    ? {
        orgName: conversation.org_name,
        agent: {
          ...agentBrief(agent),
          schedulingUrl: ownerLink ?? agent.schedulingUrl ?? calendly.rows[0]?.scheduling_url ?? null,
        },
        lead: {
          name: conversation.lead_name,
          company: conversation.lead_company,
          heat: conversation.heat_level,
          bant: bantSchema.parse(conversation.bant ?? {}),
        },
        channel: conversation.medium,
        history: history.map((m) => ({
          direction: m.direction,
          body: m.body || (Array.isArray(m.media) && m.media.length ? "[attachment]" : ""),
          at: new Date(m.created_at).toISOString(),
        })),
        now: now.toISOString(),
        meetings,
        ...(email ? { emailSubject: email.subject } : {}),
      }
    : null;
  return { conversation, agent, newestInboundId: newestInbound?.id ?? null, request };
}

/**
 * The lead's next and latest meeting, so a draft recalls a booking instead of asking again. Times
 * are written in the invitee's zone when the booking carried one, else in the lead owner's.
 */
async function draftMeetings(tx: Tx, conversation: ConversationRow, now: Date): Promise<DraftMeeting[]> {
  const found = await meetingsAroundNow(tx, conversation.org_id, conversation.lead_id, now);
  if (!found.length) return [];
  const fallbackZone =
    found.some((m) => !m.timezone) && conversation.owner_id
      ? timeZoneOf(await getPreferences(tx, conversation.owner_id))
      : null;
  return found.map((m) => ({
    title: m.title,
    startsAt: new Date(m.startsAt).toISOString(),
    status: m.status,
    timeZone: m.timezone ?? fallbackZone,
  }));
}

/** Calls the provider with a deadline; an exception from a provider is a failed outcome, never a crash. */
export async function callProvider(
  provider: AiProvider,
  request: DraftRequest,
  timeoutMs = PROVIDER_TIMEOUT_MS,
): Promise<DraftOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  const failed = (reason: "timeout" | "error", detail: DraftFailureDetail): DraftOutcome => ({
    ok: false,
    reason,
    detail,
    provider: provider.name,
    model: request.agent.model ?? "default",
    attempts: 1,
  });
  try {
    const outcome = await Promise.race([provider.draft(request, { signal: controller.signal }), deadline]);
    return outcome === "timeout"
      ? failed("timeout", failureDetail("timeout", { seconds: Math.round(timeoutMs / 1000) }))
      : outcome;
  } catch (error) {
    logger.error({ provider: provider.name, err: error instanceof Error ? error.name : null }, "AI provider threw");
    return failed("error", failureDetail("provider_failed"));
  } finally {
    clearTimeout(timer);
  }
}

/** Transient failures worth another try later; invalid output already had its retry inside the provider. */
const TRANSIENT = new Set(["timeout", "rate_limited", "error"]);
export const MAX_DRAFT_ATTEMPTS = 3;

async function existingTaskFor(tx: Tx, inboundMessageId: string): Promise<boolean> {
  const { rows } = await tx.query(
    "select 1 from public.hil_tasks where inbound_message_id = $1 and kind in ('message_approval', 'manual_review') limit 1",
    [inboundMessageId],
  );
  return rows.length > 0;
}

/**
 * The drafting job's work for one inbound message. `provider` is a seam for tests and the
 * benchmark; by default the configured provider (lib/ai).
 */
export async function draftReply(
  input: DraftJobInput,
  options: { provider?: AiProvider; now?: () => Date } = {},
): Promise<DraftRun> {
  const now = options.now ?? (() => new Date());
  // The ingest transaction that scheduled this holds the same lock until it commits, so the
  // message is visible here (and a rolled-back ingest leaves nothing to answer).
  const context = await withService(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`ai-draft:${input.conversationId}`]);
    const loaded = await loadDraftContext(tx, input.orgId, input.conversationId, now());
    if (!loaded) return { skip: "conversation not found" } as const;
    if (loaded.conversation.mode !== "ai") return { skip: "a person handles this conversation" } as const;
    if (!loaded.agent || !loaded.request) return { skip: "no active agent for the conversation" } as const;
    // Unpaid (read-only) organizations get no drafts; an agent over the plan's limit after a downgrade is paused.
    if (!(await billingWritable(tx, input.orgId))) return { skip: "the organization is read-only until paid" } as const;
    if (await agentPausedByPlan(tx, loaded.agent.id)) return { skip: "the agent is paused by the plan" } as const;
    if (loaded.newestInboundId !== input.inboundMessageId)
      return { skip: "a newer message will be answered instead" } as const;
    if (await existingTaskFor(tx, input.inboundMessageId)) return { skip: "already drafted" } as const;
    return { loaded } as const;
  });
  if ("skip" in context) return { status: "skipped", reason: context.skip! };
  const { loaded } = context;
  const provider = options.provider ?? aiProvider();

  const lease = await acquireDraftSlot(input.orgId, Math.ceil(PROVIDER_TIMEOUT_MS / 1000) + 15);
  if (!lease) return { status: "busy" };
  let outcome: DraftOutcome;
  try {
    outcome = await callProvider(provider, loaded.request!);
  } finally {
    await releaseDraftSlot(input.orgId, lease);
  }
  if (!outcome.ok && TRANSIENT.has(outcome.reason) && input.attempt < MAX_DRAFT_ATTEMPTS) {
    logger.warn(
      {
        orgId: input.orgId,
        conversationId: input.conversationId,
        reason: outcome.reason,
        detail: outcome.detail.kind,
        attempt: input.attempt,
      },
      "AI draft failed; will retry",
    );
    return { status: "retry", reason: outcome.reason };
  }
  return recordOutcome(input, loaded, outcome, now());
}

async function recordOutcome(
  input: DraftJobInput,
  loaded: DraftContext,
  outcome: DraftOutcome,
  now: Date,
): Promise<DraftRun> {
  const run = await withService((tx) => recordDraftOutcome(tx, input, loaded, outcome, now));
  if (run.status === "auto_sent" && run.messageId) {
    sendSoon({ id: run.messageId, orgId: input.orgId });
  }
  return run;
}

/**
 * Auto-send goes through the same checks as a person's approval (active number, WhatsApp window).
 * When the world changed during drafting and the reply cannot go out, nothing of the attempt
 * stays and the draft waits for a person instead: retrying would ask the model again for a reply
 * that still could not be sent.
 */
async function tryAutoSend(
  tx: Tx,
  draft: {
    payload: MessageApprovalPayload;
    conversation: DraftContext["conversation"];
    agentId: string;
    inboundMessageId: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ taskId: string; messageId: string } | null> {
  await tx.query("savepoint auto_send");
  try {
    const taskId = await insertTask(tx, {
      kind: "message_approval",
      status: "approved",
      payload: draft.payload,
      conversation: draft.conversation,
      agentId: draft.agentId,
      inboundMessageId: draft.inboundMessageId,
      expiresAt: null,
      finalBody: draft.payload.draft,
    });
    const { id: messageId } = await queueOutboundMessage(tx, {
      orgId: draft.conversation.org_id,
      conversationId: draft.conversation.id,
      body: draft.payload.draft,
      author: { kind: "approved_draft", taskId, actor: draft.actor },
      now: draft.now,
    });
    await tx.query("release savepoint auto_send");
    return { taskId, messageId };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    await tx.query("rollback to savepoint auto_send");
    logger.info(
      { conversationId: draft.conversation.id, code: error.extra.code },
      "auto-send not possible; the draft waits for approval",
    );
    return null;
  }
}

/**
 * Records a provider's outcome in the caller's transaction (the service role): re-checks
 * that the draft still answers the newest message of a thread in AI mode, then writes the
 * task (or the auto-sent message), the BANT findings and the notification. An auto-sent
 * message is queued; the caller sends it after commit.
 */
export async function recordDraftOutcome(
  tx: Tx,
  input: DraftJobInput,
  loaded: DraftContext,
  outcome: DraftOutcome,
  now: Date,
): Promise<DraftRun> {
  const agent = loaded.agent!;
  // Re-check under the conversation's lock: the world may have moved during the call.
  const { rows } = await tx.query<{ mode: string }>(
    "select mode from public.conversations where id = $1 and org_id = $2 for update",
    [input.conversationId, input.orgId],
  );
  if (!rows[0]) return { status: "skipped", reason: "conversation not found" };
  if (rows[0].mode !== "ai") return { status: "skipped", reason: "a person took over while drafting" };
  const { rows: newest } = await tx.query<{ id: string }>(
    // An out-of-office arriving meanwhile is no newer word from the lead.
    `select id from public.messages where conversation_id = $1 and direction = 'inbound' and author_type = 'lead'
      order by created_at desc, id desc limit 1`,
    [input.conversationId],
  );
  if (newest[0]?.id !== input.inboundMessageId)
    return { status: "skipped", reason: "a newer message arrived while drafting" };
  if (await existingTaskFor(tx, input.inboundMessageId)) return { status: "skipped", reason: "already drafted" };

  await supersedePendingDrafts(tx, input.orgId, input.conversationId, decisionReason("newer_draft"));
  const { conversation } = loaded;
  const expiresAt = new Date(now.getTime() + DRAFT_TTL_HOURS * 3_600_000);
  const requestApproval = async (
    taskId: string,
    draft: { preview: string } | { failure: Extract<DraftOutcome, { ok: false }>["reason"] },
  ) => {
    await notify(tx, {
      kind: "approval_requested",
      orgId: input.orgId,
      taskId,
      leadId: conversation.lead_id,
      conversationId: conversation.id,
      agentName: agent.name,
      ...draft,
    });
    await emitWebhookEvent(tx, input.orgId, {
      type: "approval.requested",
      data: {
        task: {
          id: taskId,
          leadId: conversation.lead_id,
          conversationId: conversation.id,
          agentName: agent.name,
          preview: "preview" in draft ? draft.preview : null,
        },
      },
    });
  };

  if (!outcome.ok) {
    const payload: ManualReviewPayload = {
      reason: outcome.reason,
      detail: outcome.detail,
      inboundMessageId: input.inboundMessageId,
    };
    const taskId = await insertTask(tx, {
      kind: "manual_review",
      status: "pending",
      payload,
      conversation,
      agentId: agent.id,
      inboundMessageId: input.inboundMessageId,
      expiresAt,
    });
    await requestApproval(taskId, { failure: outcome.reason });
    return { status: "manual_review", taskId };
  }

  const result = outcome.result;
  const payload: MessageApprovalPayload = {
    draft: result.reply,
    bant: result.bant,
    intent: result.intent,
    heat: result.heat,
    confidence: result.confidence,
    injection: result.injection,
    injectionQuote: result.injectionQuote ?? null,
    provider: outcome.provider,
    model: outcome.model,
    inboundMessageId: input.inboundMessageId,
    usage: outcome.usage,
    // The link this draft was allowed to offer: a booking through it is the agent's (meetings.agent_id).
    schedulingUrl: loaded.request?.agent.schedulingUrl ?? null,
  };
  const agentActor: Actor = { type: "agent", name: agent.name };
  let taskId: string;
  let sendMessageId: string | undefined;
  // A draft written while the lead's text tried to steer the model goes to a person even with
  // auto-send on, and what the model read out of that text is only a suggestion: the lead wrote it.
  const flagged = result.injection;
  const autoSent =
    agent.autoSend && !flagged
      ? await tryAutoSend(tx, {
          payload,
          conversation,
          agentId: agent.id,
          inboundMessageId: input.inboundMessageId,
          actor: agentActor,
          now,
        })
      : null;
  if (autoSent) {
    ({ taskId, messageId: sendMessageId } = autoSent);
    await insertLeadEvent(tx, {
      orgId: input.orgId,
      leadId: conversation.lead_id,
      type: "ai_auto_sent",
      actor: agentActor,
      reasonKey: "reply_auto_sent",
      reasonParams: { agent: agent.name },
      data: { taskId, messageId: sendMessageId, agentId: agent.id },
    });
    // Every auto-sent message is audited; ids only, never the text.
    await recordAudit(tx, {
      orgId: input.orgId,
      actorId: null,
      action: "ai.auto_sent",
      targetType: "message",
      targetId: sendMessageId,
      metadata: {
        agentId: agent.id,
        agentName: agent.name,
        taskId,
        conversationId: conversation.id,
        provider: outcome.provider,
        model: outcome.model,
      },
    });
  } else {
    taskId = await insertTask(tx, {
      kind: "message_approval",
      status: "pending",
      payload,
      conversation,
      agentId: agent.id,
      inboundMessageId: input.inboundMessageId,
      expiresAt,
    });
    await requestApproval(taskId, { preview: result.reply.replace(/\s+/g, " ").slice(0, 140) });
  }
  await applyBantFindings(tx, {
    orgId: input.orgId,
    leadId: conversation.lead_id,
    source: { taskId, messageId: input.inboundMessageId },
    findings: result.bant,
    actor: agentActor,
    now,
    suggestOnly: flagged,
  });
  return sendMessageId ? { status: "auto_sent", taskId, messageId: sendMessageId } : { status: "drafted", taskId };
}

async function insertTask(
  tx: Tx,
  task: {
    kind: "message_approval" | "manual_review";
    status: "pending" | "approved";
    payload: MessageApprovalPayload | ManualReviewPayload;
    conversation: { id: string; org_id: string; lead_id: string };
    agentId: string;
    inboundMessageId: string;
    expiresAt: Date | null;
    finalBody?: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.hil_tasks (org_id, kind, status, payload, lead_id, conversation_id, agent_id, inbound_message_id, expires_at,
                                   decided_at, final_body, edit_distance)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $3 = 'pending' then null else now() end, $10, case when $10::text is null then null else 0 end)
     returning id`,
    [
      task.conversation.org_id,
      task.kind,
      task.status,
      task.payload,
      task.conversation.lead_id,
      task.conversation.id,
      task.agentId,
      task.inboundMessageId,
      task.expiresAt,
      task.finalBody ?? null,
    ],
  );
  return rows[0]!.id;
}

/** Levenshtein distance between the draft and what was sent (0 = sent as drafted). */
export const editDistance = (draft: string, sent: string) => (draft === sent ? 0 : distance(draft, sent));
